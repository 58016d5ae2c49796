package org.gags.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the measurements behind the default sparse forward and the memory claim.
 * {@code java ... org.gags.distill.DistillBench} (torch threads from ai.djl.pytorch.num_threads).
 * 1. the sparse part alone (build W, render, backward) per forward, small and mid size;
 * 2. whole training steps with the published decoder widths on a small view, per forward;
 * 3. RSS over 2,000 iterations of a small training.
 */
public final class DistillBench {
  private DistillBench() {}

  public static void main(String[] args) throws IOException {
    sparse("small", 64, 48, 2_000, 20, 20);
    sparse("mid", 247, 183, 100_000, 40, 5);
    for (DistillConfig.SparseForward kind : DistillConfig.SparseForward.values()) {
      steps(kind);
    }
    rss(Integer.parseInt(System.getProperty("bench.rssIterations", "2000")));
  }

  private static void sparse(String label, int w, int h, int gaussians, int maxPerPixel, int reps) {
    DistillView v = DistillFixtures.view(1, w, h, gaussians, maxPerPixel, new int[] {3, 3, 3}, 0, 4);
    try (NDManager m = Engine.getEngine(Trainer.ENGINE).newBaseManager()) {
      NDArray f = m.randomUniform(-1, 1, new Shape(gaussians, 16));
      f.setRequiresGradient(true);
      for (DistillConfig.SparseForward kind : DistillConfig.SparseForward.values()) {
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int r = 0; r < reps + 2; r++) {
          long t0 = System.nanoTime();
          try (NDScope s = new NDScope(); GradientCollector gc = Engine.getEngine(Trainer.ENGINE).newGradientCollector()) {
            s.suppressNotUsedWarning();
            NDArray out = SparseRenderer.of(kind, m, v.contributors(), gaussians, DataType.FLOAT32).render(f);
            gc.backward(out.mul(out).sum());
          }
          double ms = (System.nanoTime() - t0) / 1e6;
          if (r >= 2) {
            total += ms;
            best = Math.min(best, ms);
          }
        }
        System.out.printf(Locale.ROOT, "sparse %s %dx%d px, %d Gaussians, %d entries, %s: mean %.1f ms, best %.1f ms"
            + " (build + render + backward)%n", label, w, h, gaussians, v.contributors().entries(), kind.key(),
            total / reps, best);
      }
    }
  }

  private static void steps(DistillConfig.SparseForward kind) {
    DistillConfig cfg = DistillConfig.gags().withForward(kind).withSchedule(100, 5);
    List<DistillView> views = List.of(
        DistillFixtures.view(2, 64, 48, 5_000, 20, new int[] {30, 20, 10}, 0.05, 512),
        DistillFixtures.view(3, 64, 48, 5_000, 20, new int[] {30, 20, 10}, 0.05, 512));
    try (Trainer t = Trainer.create(cfg, views, 5_000)) {
      t.trainUntil(2, r -> {});
      long t0 = System.nanoTime();
      t.trainUntil(10, r -> {});
      System.out.printf(Locale.ROOT, "step, gags widths, 64x48 px, 5000 Gaussians, %s: %.1f ms/step%n", kind.key(),
          (System.nanoTime() - t0) / 1e6 / 8);
    }
  }

  private static void rss(int iterations) throws IOException {
    DistillConfig cfg = DistillFixtures.tinyConfig().withSchedule(iterations, iterations / 2 + 1)
        .withWidths(16, 32, 64, 16, 8);
    List<DistillView> views = List.of(
        DistillFixtures.view(4, 32, 24, 500, 10, new int[] {8, 6, 4}, 0.05, 64),
        DistillFixtures.view(5, 32, 24, 500, 10, new int[] {8, 6, 4}, 0.05, 64),
        DistillFixtures.view(6, 32, 24, 500, 10, new int[] {8, 6, 4}, 0.05, 64));
    try (Trainer t = Trainer.create(cfg, views, 500)) {
      StringBuilder line = new StringBuilder("RSS over " + iterations + " iterations (32x24 px, tiny decoders):");
      t.train(r -> {
        int i = r.iteration();
        if (i == 1 || i == 100 || i == 500 || i % 1000 == 0 || i == iterations) {
          line.append(String.format(Locale.ROOT, " it %d %.1f MB;", i, rssMb()));
        }
      });
      System.out.println(line);
    }
  }

  private static double rssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Double.NaN;
  }
}
