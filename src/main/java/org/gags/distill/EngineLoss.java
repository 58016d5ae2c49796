package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The distillation loss of one view as engine array ops, step by step as {@link
 * DistillLossReference} computes it in double: render, granularity weights (input gradient
 * stopped), feature decoding, per-pixel loss against the mixed target, regions (from w, computed
 * on the host: they carry no gradient), region-aware mean, entropy, consistency, total. Every array
 * it makes belongs to the manager it is given (the iteration's scope closes them).
 */
final class EngineLoss {
  private EngineLoss() {}

  /** The loss arrays of one forward (scalars), with the host-side region map. */
  record Result(NDArray distill, NDArray entropy, NDArray consistency, NDArray total, RegionMap regions) {
    LossTerms terms() {
      return new LossTerms(scalar(distill), scalar(entropy), scalar(consistency), scalar(total));
    }

    private static double scalar(NDArray a) {
      return a.toType(DataType.FLOAT64, false).getDouble();
    }
  }

  /** The whole loss graph of one view: render F, both decoders, then {@link #losses}. */
  static Result forward(
      DistillConfig cfg, DeviceView view, NDManager m, DataType dtype, NDArray features, EngineDecoder featureDecoder,
      EngineDecoder granularityDecoder, int iteration) {
    NDArray rendered = view.renderer.render(features);
    NDArray w = granularityWeights(cfg, m, dtype, rendered, granularityDecoder, view.pixels());
    NDArray decoded = featureDecoder.featureDecode(rendered);
    return losses(cfg, view, m, dtype, rendered, w, decoded, iteration);
  }

  /**
   * The step's last part: the loss terms of one view from its rendered map F, its granularity
   * weights w and its decoding dec(F) (pixel loss, region map, region mean, entropy, consistency).
   */
  static Result losses(
      DistillConfig cfg, DeviceView view, NDManager m, DataType dtype, NDArray rendered, NDArray w, NDArray decoded,
      int iteration) {
    int n = view.pixels();
    NDArray pixelLoss = pixelLoss(cfg, view, decoded, w);
    RegionMap regions = regions(view, w);
    NDArray distill = cfg.regionAware() ? regionMean(m, dtype, pixelLoss, regions) : pixelLoss.mean();
    NDArray entropy = entropy(w);
    NDArray consistency = consistency(m, dtype, rendered, regions, n);
    NDArray total = distill.add(entropy.mul(cfg.entropyWeight(iteration)));
    if (cfg.consistencyWeight(iteration) != 0) {
      total = total.add(consistency.mul(cfg.consistencyWeight(iteration)));
    }
    return new Result(distill, entropy, consistency, total, regions);
  }

  /** w, pixels × 3: the granularity decoder on F with its gradient stopped, or the fixed weights. */
  static NDArray granularityWeights(
      DistillConfig cfg, NDManager m, DataType dtype, NDArray rendered, EngineDecoder decoder, int n) {
    double[] fixed = cfg.target().fixedWeights();
    if (fixed == null) {
      return decoder.granularity(rendered.stopGradient());
    }
    return m.create(fixed, new Shape(1, 3)).toType(dtype, false).repeat(0, n);
  }

  /** Entropy (Eq. 4): the mean over all pixels × 3 entries of −w·log(w + 1e-6). */
  static NDArray entropy(NDArray w) {
    return w.add(DistillLossReference.ENTROPY_EPS).log().mul(w).neg().mean();
  }

  /** Per-pixel loss, zero (but present) at invalid pixels. */
  static NDArray pixelLoss(DistillConfig cfg, DeviceView view, NDArray decoded, NDArray w) {
    return pixelLoss(cfg, view.validMask, view.rows, view.tables, decoded, w);
  }

  /**
   * Per-pixel loss of some pixels: their valid mask (pixels × 1), per level their rows of that level's
   * CLIP table, the tables, their decoding and their granularity weights.
   */
  static NDArray pixelLoss(DistillConfig cfg, NDArray validMask, NDArray[] rows, NDArray[] tables, NDArray decoded,
      NDArray w) {
    NDArray[] phi = new NDArray[3];
    for (int l = 0; l < 3; l++) {
      phi[l] = tables[l].get(rows[l]);
    }
    if (cfg.loss() == DistillConfig.Loss.CODE_L1) {
      NDArray target = phi[0].mul(w.get(":, 0:1")).add(phi[1].mul(w.get(":, 1:2"))).add(phi[2].mul(w.get(":, 2:3")));
      // |dec·v − g·v| = v·|dec − g| for v in {0, 1}, exactly (values and gradients): mask once per pixel
      return decoded.sub(target).abs().mean(new int[] {1}).mul(validMask.squeeze(1));
    }
    NDArray sum = null;
    for (int l = 0; l < 3; l++) {
      NDArray e = decoded.sub(phi[l]);
      NDArray term = e.mul(e).sum(new int[] {1}, true).mul(w.get(":, " + l + ":" + (l + 1)));
      sum = sum == null ? term : sum.add(term);
    }
    return sum.mul(validMask).squeeze(1);
  }

  static RegionMap regions(DeviceView view, NDArray w) {
    double[] host = w.toType(DataType.FLOAT64, false).toDoubleArray();
    return RegionMap.of(host, view.width, view.height, view.segments, view.levelOffsets);
  }

  /** Σ_p ℓ_p / (n_r(p) · R) over pixels in a region: the mean over regions of the region means. */
  static NDArray regionMean(NDManager m, DataType dtype, NDArray pixelLoss, RegionMap regions) {
    return pixelLoss.mul(m.create(regionWeights(regions)).toType(dtype, false)).sum();
  }

  /** Per pixel, 1 / (n_r(p) · R), or 0 outside every region: the region-aware mean's weights. */
  static double[] regionWeights(RegionMap regions) {
    int n = regions.regionOfPixel().length;
    int r = regions.regions();
    double[] a = new double[n];
    for (int p = 0; p < n; p++) {
      int k = regions.regionOfPixel()[p];
      a[p] = k < 0 ? 0 : 1.0 / ((double) regions.counts()[k] * r);
    }
    return a;
  }

  /**
   * Σ_{n_r ≥ 2} n_r · mean_c Var_c / pixels as Σ_p b_p Σ_c (F_pc − μ_{r(p)c})², b_p = n_r / ((n_r − 1)
   * · C · pixels); the region means μ come from a sparse (regions × pixels) averaging matrix, in the
   * graph.
   */
  static NDArray consistency(NDManager m, DataType dtype, NDArray rendered, RegionMap regions, int n) {
    int r = regions.regions();
    long d = rendered.getShape().get(1);
    int included = 0;
    for (int k : regions.regionOfPixel()) {
      included += k >= 0 ? 1 : 0;
    }
    if (r == 0) {
      return rendered.sum().mul(0);
    }
    long[] ij = new long[2 * included];
    double[] avg = new double[included];
    double[] b = new double[n];
    long[] regionIndex = new long[n];
    int e = 0;
    for (int p = 0; p < n; p++) {
      int k = regions.regionOfPixel()[p];
      if (k < 0) {
        continue;
      }
      int nk = regions.counts()[k];
      ij[e] = k;
      ij[included + e] = p;
      avg[e] = 1.0 / nk;
      e++;
      regionIndex[p] = k;
      b[p] = nk <= 1 ? 0 : nk / ((nk - 1.0) * d * n);
    }
    NDArray indices = m.create(ij, new Shape(2, included));
    NDArray values = m.create(avg).toType(dtype, false);
    NDArray averaging = JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values, new Shape(r, n));
    NDArray means = averaging.matMul(rendered);
    NDArray dev = rendered.sub(means.get(m.create(regionIndex)));
    return dev.mul(dev).sum(new int[] {1}).mul(m.create(b).toType(dtype, false)).sum();
  }
}
