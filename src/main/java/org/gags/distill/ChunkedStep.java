package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The gradients of one view's loss, computed chunk by chunk over its pixels: the fast twin of one
 * backward through the whole graph ({@link EngineLoss#forward}), equal up to float rounding
 * (tested). Every pixel's distillation loss depends only on that pixel's F, w and decoding, and the
 * regions come from w alone, so the step splits into:
 *
 * <ol>
 *   <li>F = W·f for the whole view, outside the graph (pixels × 16);
 *   <li>w = granularity decoder of F (gradient stopped at F), its regions on the host, and each
 *       pixel's weight in the distillation mean (1 / (n_r · R) region-aware, 1 / pixels otherwise);
 *   <li>per chunk: the feature decoder and the weighted distillation loss of its pixels, one
 *       backward each, which adds to the feature decoder's gradients and gives ∂L/∂F and ∂L/∂w of
 *       the chunk's pixels; the chunk's pixels × 512 arrays are closed before the next chunk;
 *   <li>one backward through the small whole-view graph: entropy and consistency, and w's part of
 *       the distillation (Σ w ⊙ ∂L/∂w, which reaches the granularity decoder through w);
 *   <li>∂L/∂f = Wᵀ ∂L/∂F as the backward of the sparse product: once for the view with a COO
 *       matrix, per chunk with the padded gather ({@link DeviceView#parts}).
 * </ol>
 *
 * So a step's memory is one chunk's activations, not the view's, and the allocator reuses the same
 * chunk-sized blocks instead of page-faulting fresh view-sized ones every step. Each chunk's loss
 * backward stops at its decoding and the decoders' backward then takes that gradient, so the
 * {@link StepPhases} of the step time the decoders and the losses apart, inside the real step.
 */
final class ChunkedStep {
  private ChunkedStep() {}

  /**
   * Adds the gradients of the view's total loss at {@code iteration} to the features and both
   * decoders' parameters (the caller zeroes them first) and returns the loss terms. Arrays belong to
   * the caller's scope, except each chunk's, which close with the chunk.
   */
  static LossTerms backpropagate(DistillConfig cfg, DeviceView view, NDManager m, DataType dtype, NDArray features,
      EngineDecoder featureDecoder, EngineDecoder granularityDecoder, int iteration, StepPhases phases) {
    int n = view.pixels();
    long dim = features.getShape().get(1);
    long t0 = System.nanoTime();
    NDArray rendered = view.renderer.render(features.stopGradient());
    phases.add(StepPhases.Phase.SPARSE, t0);
    try (GradMode collector = GradMode.on()) {
      long t1 = System.nanoTime();
      rendered.setRequiresGradient(true); // a leaf: the consistency term's gradient lands here
      NDArray w = EngineLoss.granularityWeights(cfg, m, dtype, rendered, granularityDecoder, n);
      boolean trainsW = cfg.target().fixedWeights() == null;
      RegionMap regions = EngineLoss.regions(view, w);
      NDArray pixelWeights = m.create(distillWeights(cfg, regions, n)).toType(dtype, false);
      phases.add(StepPhases.Phase.WHOLE_VIEW, t1);

      NDArray dRendered = m.zeros(new Shape(n, dim), dtype);
      NDArray dW = trainsW ? m.zeros(new Shape(n, 3), dtype) : null;
      double distill = 0;
      for (int c = 0; c < view.chunkStart.length - 1; c++) {
        NDIndex range = new NDIndex("{}:{}", view.chunkStart[c], view.chunkStart[c + 1]);
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray f = rendered.get(range).stopGradient();
          f.setRequiresGradient(true);
          NDArray wc = w.get(range).stopGradient();
          wc.setRequiresGradient(trainsW);
          NDArray[] rows = new NDArray[3];
          for (int l = 0; l < 3; l++) {
            rows[l] = view.rows[l].get(range);
          }
          long t = System.nanoTime();
          NDArray decoded = featureDecoder.featureDecode(f);
          t = phases.add(StepPhases.Phase.DECODERS, t);
          // the loss backward stops at the decoding (a leaf), then the decoders' backward takes its gradient
          NDArray decodedLeaf = decoded.stopGradient();
          decodedLeaf.setRequiresGradient(true);
          NDArray loss = EngineLoss.pixelLoss(cfg, view.validMask.get(range), rows, view.tables, decodedLeaf, wc)
              .mul(pixelWeights.get(range)).sum();
          collector.backward(loss);
          distill += loss.toType(DataType.FLOAT64, false).getDouble();
          t = phases.add(StepPhases.Phase.LOSSES, t);
          collector.backward(decoded, decodedLeaf.getGradient());
          t = phases.add(StepPhases.Phase.DECODERS, t);
          dRendered.set(range, f.getGradient());
          if (trainsW) {
            dW.set(range, wc.getGradient());
          }
        }
      }

      long t2 = System.nanoTime();
      NDArray entropy = EngineLoss.entropy(w);
      NDArray consistency = EngineLoss.consistency(m, dtype, rendered, regions, n);
      double entropyWeight = cfg.entropyWeight(iteration);
      double consistencyWeight = cfg.consistencyWeight(iteration);
      NDArray whole = entropy.mul(entropyWeight);
      if (consistencyWeight != 0) {
        whole = whole.add(consistency.mul(consistencyWeight));
      }
      if (trainsW) {
        whole = whole.add(w.mul(dW).sum());
      }
      if (trainsW || consistencyWeight != 0) {
        collector.backward(whole);
      }
      if (consistencyWeight != 0) {
        dRendered.addi(rendered.getGradient());
      }
      long t3 = phases.add(StepPhases.Phase.WHOLE_VIEW, t2);

      for (int c = 0; c < view.parts.length; c++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray part = view.parts[c].render(features);
          collector.backward(part, view.parts.length == 1 ? dRendered
              : dRendered.get(new NDIndex("{}:{}", view.partStart[c], view.partStart[c + 1])));
        }
      }
      phases.add(StepPhases.Phase.SPARSE, t3);
      double e = scalar(entropy);
      double k = scalar(consistency);
      return new LossTerms(distill, e, k, distill + entropyWeight * e + consistencyWeight * k);
    }
  }

  /** Each pixel's weight in the distillation term: region-aware (Eq. 5) or the plain mean. */
  static double[] distillWeights(DistillConfig cfg, RegionMap regions, int n) {
    if (cfg.regionAware()) {
      return EngineLoss.regionWeights(regions);
    }
    double[] a = new double[n];
    Arrays.fill(a, 1.0 / n);
    return a;
  }

  private static double scalar(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }
}
