package org.gags.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the time of one training step goes, for benchmarks. {@link Trainer#step} runs the step as
 * one autograd graph with one backward pass, so its parts cannot be timed inside it; here each part
 * runs alone, forward and backward, with the step's own code ({@link SparseRenderer}, {@link
 * EngineDecoder}, {@link EngineLoss#losses}, {@link EngineAdam}) on one view uploaded as the
 * trainer uploads it and on copies of a trainer's current parameters:
 * <ol>
 *   <li>sparse: F = W·f and its backward into f, from a fixed random gradient on F;
 *   <li>decoders: both decoders on a fixed F (the feature decoder's gradient reaching F, the
 *       granularity decoder's input stopped, as in the step) and their backward from fixed random
 *       gradients on dec(F) and w;
 *   <li>losses: {@link EngineLoss#losses} on fixed F, w and dec(F) (each a leaf that takes a
 *       gradient) and the backward of the total into them; the region map (w to the host, {@link
 *       RegionMap}) is inside this part and also timed alone;
 *   <li>optimiser: the three Adam steps with the gradients the parts above left.
 * </ol>
 * Each part's time is the median over the repeats, after one untimed warm-up. The parts' sum
 * differs from a trainer's step by what they leave out (zeroing gradients, adding F's two incoming
 * gradients, the scope's closing) and by the upstream-gradient products they add (one product and
 * sum per part, small next to each part's own work).
 */
public final class StepProfile {
  private StepProfile() {}

  /**
   * Medians in milliseconds.
   *
   * @param iteration the iteration whose loss weights the losses part uses
   * @param viewDeviceBytes bytes of the uploaded view's engine arrays ({@link DeviceView#deviceBytes})
   */
  public record Split(double sparseMs, double decodersMs, double lossesMs, double regionMapMs, double optimiserMs,
      int repeats, int iteration, long viewDeviceBytes) {
    /** sparse + decoders + losses + optimiser (the region map is inside losses). */
    public double sumMs() {
      return sparseMs + decodersMs + lossesMs + optimiserMs;
    }
  }

  /** The bytes one view takes on the engine's device when a trainer of {@code cfg} uploads it. */
  public static long deviceBytes(DistillConfig cfg, DistillView view, int gaussians) {
    try (NDManager m = Engine.getEngine(Trainer.ENGINE).newBaseManager()) {
      return DeviceView.upload(cfg, m, view, gaussians, DataType.FLOAT32).deviceBytes();
    }
  }

  /**
   * Times the parts of one step on {@code view} with the parameters {@code trainer} holds now (the
   * trainer is not changed), at iteration {@code iteration}'s loss weights, {@code repeats} times.
   */
  public static Split measure(Trainer trainer, DistillView view, int iteration, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, found " + repeats);
    }
    DistillConfig cfg = trainer.config();
    DataType dtype = DataType.FLOAT32;
    int gaussians = trainer.gaussians();
    int n = view.pixels();
    try (NDManager m = Engine.getEngine(Trainer.ENGINE).newBaseManager()) {
      DeviceView dv = DeviceView.upload(cfg, m, view, gaussians, dtype);
      NDArray features = m.create(trainer.features(), new Shape(gaussians, cfg.featureDim()));
      features.setRequiresGradient(true);
      EngineDecoder featureDecoder = new EngineDecoder(m, trainer.featureDecoder(), dtype);
      EngineDecoder granularityDecoder = new EngineDecoder(m, trainer.granularityDecoder(), dtype);
      EngineAdam featureAdam = new EngineAdam(cfg.featureAdam(), m, features);
      EngineAdam decoderAdam = new EngineAdam(cfg.decoderAdam(), m, featureDecoder.parameters().toArray(new NDArray[0]));
      EngineAdam granularityAdam =
          new EngineAdam(cfg.granularityAdam(), m, granularityDecoder.parameters().toArray(new NDArray[0]));
      List<NDArray> params = new ArrayList<>(List.of(features));
      params.addAll(featureDecoder.parameters());
      params.addAll(granularityDecoder.parameters());
      // The parts' fixed inputs, computed once outside any gradient collector (no graph).
      NDArray rendered = dv.renderer.render(features);
      NDArray w = EngineLoss.granularityWeights(cfg, m, dtype, rendered, granularityDecoder, n);
      NDArray decoded = featureDecoder.featureDecode(rendered);
      NDArray gradRendered = m.randomNormal(0, 1e-3f, rendered.getShape(), dtype);
      NDArray gradDecoded = m.randomNormal(0, 1e-3f, decoded.getShape(), dtype);
      NDArray gradW = m.randomNormal(0, 1e-3f, w.getShape(), dtype);
      double[][] ms = new double[5][repeats];
      for (int r = -1; r < repeats; r++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          for (NDArray p : params) {
            if (p.hasGradient()) {
              JniUtils.zeroGrad((PtNDArray) p);
            }
          }
          long t0 = System.nanoTime();
          try (GradMode c = GradMode.on()) {
            c.backward(dv.renderer.render(features).mul(gradRendered).sum());
          }
          long t1 = System.nanoTime();
          NDArray x = leaf(rendered);
          long t2 = System.nanoTime();
          try (GradMode c = GradMode.on()) {
            NDArray dec = featureDecoder.featureDecode(x);
            NDArray ww = EngineLoss.granularityWeights(cfg, m, dtype, x, granularityDecoder, n);
            NDArray upstream = dec.mul(gradDecoded).sum();
            if (cfg.target() == DistillConfig.Target.GAD) {
              upstream = upstream.add(ww.mul(gradW).sum());
            }
            c.backward(upstream);
          }
          long t3 = System.nanoTime();
          NDArray f = leaf(rendered);
          NDArray wl = leaf(w);
          NDArray d = leaf(decoded);
          long t4 = System.nanoTime();
          try (GradMode c = GradMode.on()) {
            c.backward(EngineLoss.losses(cfg, dv, m, dtype, f, wl, d, iteration).total());
          }
          long t5 = System.nanoTime();
          EngineLoss.regions(dv, w);
          long t6 = System.nanoTime();
          featureAdam.step();
          decoderAdam.step();
          if (cfg.target() == DistillConfig.Target.GAD) {
            granularityAdam.step();
          }
          long t7 = System.nanoTime();
          if (r >= 0) {
            ms[0][r] = (t1 - t0) / 1e6;
            ms[1][r] = (t3 - t2) / 1e6;
            ms[2][r] = (t5 - t4) / 1e6;
            ms[3][r] = (t6 - t5) / 1e6;
            ms[4][r] = (t7 - t6) / 1e6;
          }
        }
      }
      return new Split(median(ms[0]), median(ms[1]), median(ms[2]), median(ms[3]), median(ms[4]), repeats, iteration,
          dv.deviceBytes());
    }
  }

  /** A copy of {@code a} that takes a gradient (a leaf of the part's graph). */
  private static NDArray leaf(NDArray a) {
    NDArray copy = a.duplicate();
    copy.setRequiresGradient(true);
    return copy;
  }

  /** The median of some timings (the mean of the middle two for an even count). */
  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
