package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gags.render.Contributors;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.synth.RandomScene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("model")
class TrainerTest {
  static final int GAUSSIANS = 9;

  private static List<DistillView> views() {
    return List.of(DistillFixtures.tinyView(41, GAUSSIANS), DistillFixtures.tinyView(42, GAUSSIANS),
        DistillFixtures.tinyView(43, GAUSSIANS));
  }

  private static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double maxDiff(DecoderWeights a, DecoderWeights b) {
    double m = 0;
    for (int l = 0; l < a.layers(); l++) {
      for (int i = 0; i < a.weight()[l].length; i++) {
        m = Math.max(m, Math.abs(a.weight()[l][i] - b.weight()[l][i]));
      }
      for (int i = 0; i < a.bias()[l].length; i++) {
        m = Math.max(m, Math.abs(a.bias()[l][i] - b.bias()[l][i]));
      }
    }
    return m;
  }

  /** 40 iterations straight, or 17 + checkpoint + restore + 23: the same parameters, bit for bit. */
  @Test
  void resumedTrainingEndsWhereAnUninterruptedOneDoes() throws IOException {
    DistillConfig cfg = DistillFixtures.tinyConfig(); // 40 iterations, late from 21
    List<DistillView> views = views();
    List<IterationReport> straight = new ArrayList<>();
    float[] f1;
    DecoderWeights d1;
    DecoderWeights g1;
    double before;
    double after;
    try (Trainer t = Trainer.create(cfg, views, GAUSSIANS)) {
      before = t.evaluate(0, 1).total();
      t.train(straight::add);
      after = t.evaluate(0, 1).total();
      f1 = t.features();
      d1 = t.featureDecoder();
      g1 = t.granularityDecoder();
    }
    byte[] checkpoint;
    try (Trainer t = Trainer.create(cfg, views, GAUSSIANS)) {
      t.trainUntil(17, r -> {});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.save(out);
      checkpoint = out.toByteArray();
    }
    List<IterationReport> resumed = new ArrayList<>();
    try (Trainer t = Trainer.restore(cfg, views, GAUSSIANS, new ByteArrayInputStream(checkpoint))) {
      assertEquals(17, t.iteration());
      t.train(resumed::add);
      double df = maxDiff(f1, t.features());
      double dd = maxDiff(d1, t.featureDecoder());
      double dg = maxDiff(g1, t.granularityDecoder());
      System.out.printf("resume vs uninterrupted after 40 iterations: max |Δ| features %.3g, feature decoder %.3g,"
          + " granularity decoder %.3g%n", df, dd, dg);
      assertEquals(0.0, df);
      assertEquals(0.0, dd);
      assertEquals(0.0, dg);
    }
    assertEquals(23, resumed.size());
    for (int i = 0; i < 23; i++) {
      assertEquals(straight.get(17 + i).view(), resumed.get(i).view());
      assertEquals(straight.get(17 + i).terms(), resumed.get(i).terms());
    }
    assertTrue(after < before, "training should lower view 0's loss: " + before + " -> " + after);
    assertTrue(straight.get(0).line(40).startsWith("iteration 1/40 view "), straight.get(0).line(40));
  }

  /**
   * Two trainings at once in one JVM (two tasks of one executor): both run, and each ends exactly
   * where it ends alone. DJL's gradient collector allows one per JVM at a time; the trainer's grad
   * mode is per thread ({@link GradMode}).
   */
  @Test
  void twoTrainingsInOneJvmRunTogetherAndEachEndsAsAlone() throws Exception {
    DistillConfig a = DistillFixtures.tinyConfig();
    DistillConfig b = DistillFixtures.tinyConfig().withSeed(7).withTarget(DistillConfig.Target.AVERAGE);
    float[] aloneA = trainAlone(a);
    float[] aloneB = trainAlone(b);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.Future<float[]> fa = pool.submit(() -> {
        start.await();
        return trainAlone(a);
      });
      java.util.concurrent.Future<float[]> fb = pool.submit(() -> {
        start.await();
        return trainAlone(b);
      });
      assertArrayEquals(aloneA, fa.get());
      assertArrayEquals(aloneB, fb.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[] trainAlone(DistillConfig cfg) {
    try (Trainer t = Trainer.create(cfg, views(), GAUSSIANS)) {
      t.train(r -> {});
      return t.features();
    }
  }

  @Test
  void everyEpochVisitsEveryViewAndTheLastIterationTakesNoStep() {
    DistillConfig cfg = DistillFixtures.tinyConfig().withSchedule(6, 3);
    try (Trainer t = Trainer.create(cfg, views(), GAUSSIANS)) {
      List<Integer> seen = new ArrayList<>();
      t.trainUntil(5, r -> seen.add(r.view()));
      assertEquals(List.of(0, 1, 2), seen.subList(0, 3).stream().sorted().toList());
      float[] before = t.features();
      t.step();
      assertArrayEquals(before, t.features(), "iteration 6 of 6 takes no optimiser step");
      assertThrows(IllegalStateException.class, t::step);
    }
  }

  @Test
  void restoreRefusesAForeignCheckpoint() throws IOException {
    DistillConfig cfg = DistillFixtures.tinyConfig();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Trainer t = Trainer.create(cfg, views(), GAUSSIANS)) {
      t.save(out);
    }
    IOException e = assertThrows(IOException.class,
        () -> Trainer.restore(cfg, views(), GAUSSIANS + 1, new ByteArrayInputStream(out.toByteArray())).close());
    assertTrue(e.getMessage().startsWith("checkpoint entry 'features' has shape (9, 3), expected (10, 3)"), e.getMessage());
  }

  /** W·f from the renderer's contributor lists, in the engine, equals the renderer's own feature rendering. */
  @Test
  void sparseForwardsEqualTheRenderersFeatureRendering() {
    GaussianCloud cloud = RandomScene.cloud(5L, 300, 0, 1.0, 0.02);
    Camera camera = RandomScene.camera(40, 30);
    Contributors lists =
        Rasterizer.render(cloud, camera, RenderRequest.contributorsOnly(), RenderSettings.GSPLAT_CLASSIC).contributors();
    int d = 16;
    float[] f = new float[cloud.count() * d];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) Math.sin(0.37 * i);
    }
    float[] expected = Rasterizer.renderFeatures(cloud, camera, f, d, RenderSettings.GSPLAT_CLASSIC);
    float[][] grads = new float[2][];
    try (NDManager m = Engine.getEngine(Trainer.ENGINE).newBaseManager()) {
      for (DistillConfig.SparseForward kind : DistillConfig.SparseForward.values()) {
        NDArray feat = m.create(f, new Shape(cloud.count(), d));
        feat.setRequiresGradient(true);
        SparseRenderer r = SparseRenderer.of(kind, m, lists, cloud.count(), DataType.FLOAT32);
        try (GradientCollector gc = Engine.getEngine(Trainer.ENGINE).newGradientCollector()) {
          NDArray out = r.render(feat);
          float[] got = out.toFloatArray();
          double worst = maxDiff(expected, got);
          System.out.printf("W·f (%s) vs Rasterizer.renderFeatures, 40x30, %d entries: max |Δ| %.3g%n", kind.key(),
              lists.entries(), worst);
          assertTrue(worst < 1e-5, kind + ": " + worst);
          NDArray weights = m.arange((float) (30 * 40 * d)).reshape(30 * 40, d).mul(1e-4f);
          gc.backward(out.mul(weights).sum());
        }
        grads[kind.ordinal()] = feat.getGradient().toFloatArray();
      }
    }
    // Both backward passes are the transposed scatter (Contributors.scatter).
    float[] pixelGrad = new float[30 * 40 * d];
    for (int i = 0; i < pixelGrad.length; i++) {
      pixelGrad[i] = i * 1e-4f;
    }
    float[] scatter = lists.scatter(pixelGrad, d, cloud.count());
    for (float[] g : grads) {
      double worst = 0;
      for (int i = 0; i < g.length; i++) {
        worst = Math.max(worst, Math.abs(g[i] - scatter[i]) / Math.max(1, Math.abs(scatter[i])));
      }
      assertTrue(worst < 1e-5, "gradient vs scatter " + worst);
    }
  }
}
