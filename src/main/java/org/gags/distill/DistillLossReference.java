package org.gags.distill;

import org.gags.render.Contributors;

/**
 * The whole distillation loss in double precision, pixel by pixel, with no engine: the slow twin
 * the DJL trainer is tested against (values and, by finite differences, gradients). Written for
 * clarity; METHOD.md section 3 is the specification, the reference's {@code train.py} and
 * {@code loss_utils.py} the behaviour:
 * <ol>
 *   <li>F = W·f (background 0);
 *   <li>w = softmax(granularity decoder(F)) for the GAD target, fixed weights otherwise;
 *   <li>target g = Σ_x w_x φ_x, not renormalised; valid = covered at s, m and l;
 *   <li>per-pixel loss: mean over channels of |dec(F)·valid − g·valid| (code), or valid ·
 *       Σ_x w_x ||dec(F) − φ_x||² (paper);
 *   <li>regions from w ({@link RegionMap}); L_RAD = mean over regions of the region's mean loss
 *       (invalid pixels count in the denominators);
 *   <li>L_ent = mean over the H·W·3 entries of −w·log(w + 1e-6);
 *   <li>L_cons = Σ_{regions, n ≥ 2} n · mean_c Var_c / (H·W), unbiased variance of F.
 * </ol>
 * A view with no region at all gives L_RAD = L_cons = 0 (the reference would fail on an empty
 * stack).
 */
public final class DistillLossReference {
  static final double ENTROPY_EPS = 1e-6;
  static final double NORMALIZE_EPS = 1e-12;

  private DistillLossReference() {}

  /** The intermediates of one evaluation, for tests. */
  public record Evaluation(double[] rendered, double[] weights, double[] pixelLoss, RegionMap regions, LossTerms terms) {}

  public static LossTerms loss(
      DistillConfig cfg, DistillView view, double[] features, DecoderWeights featureDecoder,
      DecoderWeights granularityDecoder, int iteration) {
    return evaluate(cfg, view, features, featureDecoder, granularityDecoder, iteration).terms();
  }

  public static Evaluation evaluate(
      DistillConfig cfg, DistillView view, double[] features, DecoderWeights featureDecoder,
      DecoderWeights granularityDecoder, int iteration) {
    return evaluate(cfg, view, features, features, featureDecoder, granularityDecoder, iteration);
  }

  /**
   * As {@link #evaluate(DistillConfig, DistillView, double[], DecoderWeights, DecoderWeights, int)},
   * with the granularity decoder fed from {@code granularityFeatures}: the stopped gradient made
   * explicit, so that differentiating with respect to {@code features} alone is the engine's
   * gradient (F reaches w only through a detached copy).
   */
  public static Evaluation evaluate(
      DistillConfig cfg, DistillView view, double[] features, double[] granularityFeatures,
      DecoderWeights featureDecoder, DecoderWeights granularityDecoder, int iteration) {
    int d = cfg.featureDim();
    int c = cfg.clipDim();
    if (view.clipDim() != c) {
      throw new IllegalArgumentException("view " + view.name() + " has CLIP size " + view.clipDim() + ", config " + c);
    }
    int n = view.pixels();
    double[] rendered = render(view.contributors(), features, d);
    double[] granularityInput =
        granularityFeatures == features ? rendered : render(view.contributors(), granularityFeatures, d);
    double[] w = new double[3 * n];
    double[] fixed = cfg.target().fixedWeights();
    double[] pixelLoss = new double[n];
    double entropy = 0;
    for (int p = 0; p < n; p++) {
      double[] x = slice(rendered, p * d, d);
      double[] wp = fixed != null ? fixed.clone() : granularity(granularityDecoder, slice(granularityInput, p * d, d));
      System.arraycopy(wp, 0, w, 3 * p, 3);
      for (int l = 0; l < 3; l++) {
        entropy += -wp[l] * Math.log(wp[l] + ENTROPY_EPS);
      }
      if (!view.valid(p)) {
        continue; // zero loss, still counted below
      }
      double[] dec = featureDecode(featureDecoder, x);
      double[][] phi = new double[3][];
      for (int l = 0; l < 3; l++) {
        phi[l] = clipRow(view, l, view.segments()[l][p]);
      }
      double s = 0;
      if (cfg.loss() == DistillConfig.Loss.CODE_L1) {
        for (int k = 0; k < c; k++) {
          double g = wp[0] * phi[0][k] + wp[1] * phi[1][k] + wp[2] * phi[2][k];
          s += Math.abs(dec[k] - g);
        }
        s /= c;
      } else {
        for (int l = 0; l < 3; l++) {
          double sq = 0;
          for (int k = 0; k < c; k++) {
            double e = dec[k] - phi[l][k];
            sq += e * e;
          }
          s += wp[l] * sq;
        }
      }
      pixelLoss[p] = s;
    }
    entropy /= 3.0 * n;

    RegionMap regions = RegionMap.of(w, view.width(), view.height(), view.segments(), view.levelOffsets());
    double distill = cfg.regionAware() ? regionMean(pixelLoss, regions) : mean(pixelLoss);
    double consistency = consistency(rendered, d, regions, n);
    double total = distill + cfg.entropyWeight(iteration) * entropy + cfg.consistencyWeight(iteration) * consistency;
    return new Evaluation(rendered, w, pixelLoss, regions, new LossTerms(distill, entropy, consistency, total));
  }

  /** F(p) = Σ w_i(p) f_i in double. */
  public static double[] render(Contributors lists, double[] features, int dim) {
    int n = lists.width() * lists.height();
    double[] out = new double[n * dim];
    for (int p = 0; p < n; p++) {
      for (int e = lists.pixelStart()[p]; e < lists.pixelStart()[p + 1]; e++) {
        int g = lists.gaussians()[e];
        double wt = lists.weights()[e];
        for (int k = 0; k < dim; k++) {
          out[p * dim + k] += wt * features[g * dim + k];
        }
      }
    }
    return out;
  }

  /**
   * The feature decoder: x1 = relu(L0 x); x2 = relu(L2 relu(L1 x1)); x3 = relu(L3(x1 + x2));
   * x4 = relu(L5 relu(L4 x3)); x5 = relu(L7 relu(L6(x3 + x4))); out = L8 x5, divided by
   * max(||out||, 1e-12) (F.normalize).
   */
  public static double[] featureDecode(DecoderWeights dec, double[] x) {
    if (dec.layers() != 9) {
      throw new IllegalArgumentException("the feature decoder has 9 layers, found " + dec.layers());
    }
    double[] x1 = relu(dec.apply(0, x));
    double[] x2 = relu(dec.apply(2, relu(dec.apply(1, x1))));
    double[] x3 = relu(dec.apply(3, add(x1, x2)));
    double[] x4 = relu(dec.apply(5, relu(dec.apply(4, x3))));
    double[] x5 = relu(dec.apply(7, relu(dec.apply(6, add(x3, x4)))));
    double[] out = dec.apply(8, x5);
    double norm = 0;
    for (double v : out) {
      norm += v * v;
    }
    norm = Math.max(Math.sqrt(norm), NORMALIZE_EPS);
    for (int k = 0; k < out.length; k++) {
      out[k] /= norm;
    }
    return out;
  }

  /** The granularity decoder: linear layers with ReLU between, softmax over the 3 outputs. */
  public static double[] granularity(DecoderWeights dec, double[] x) {
    double[] h = x;
    for (int l = 0; l < dec.layers(); l++) {
      h = dec.apply(l, h);
      if (l < dec.layers() - 1) {
        h = relu(h);
      }
    }
    double max = Math.max(h[0], Math.max(h[1], h[2]));
    double[] e = {Math.exp(h[0] - max), Math.exp(h[1] - max), Math.exp(h[2] - max)};
    double sum = e[0] + e[1] + e[2];
    return new double[] {e[0] / sum, e[1] / sum, e[2] / sum};
  }

  /** Mean over regions of the mean loss inside each region; 0 without regions. */
  static double regionMean(double[] pixelLoss, RegionMap regions) {
    int r = regions.regions();
    if (r == 0) {
      return 0;
    }
    double[] sums = new double[r];
    for (int p = 0; p < pixelLoss.length; p++) {
      int k = regions.regionOfPixel()[p];
      if (k >= 0) {
        sums[k] += pixelLoss[p];
      }
    }
    double total = 0;
    for (int k = 0; k < r; k++) {
      total += sums[k] / regions.counts()[k];
    }
    return total / r;
  }

  /** Σ_{n_r ≥ 2} n_r · mean_c Var_c(F over the region) / pixels, unbiased variance. */
  static double consistency(double[] rendered, int d, RegionMap regions, int pixels) {
    int r = regions.regions();
    double[] mean = new double[r * d];
    for (int p = 0; p < pixels; p++) {
      int k = regions.regionOfPixel()[p];
      if (k >= 0) {
        for (int j = 0; j < d; j++) {
          mean[k * d + j] += rendered[p * d + j];
        }
      }
    }
    for (int k = 0; k < r; k++) {
      for (int j = 0; j < d; j++) {
        mean[k * d + j] /= regions.counts()[k];
      }
    }
    double[] sq = new double[r * d];
    for (int p = 0; p < pixels; p++) {
      int k = regions.regionOfPixel()[p];
      if (k >= 0) {
        for (int j = 0; j < d; j++) {
          double e = rendered[p * d + j] - mean[k * d + j];
          sq[k * d + j] += e * e;
        }
      }
    }
    double total = 0;
    for (int k = 0; k < r; k++) {
      int nk = regions.counts()[k];
      if (nk <= 1) {
        continue;
      }
      double varMean = 0;
      for (int j = 0; j < d; j++) {
        varMean += sq[k * d + j] / (nk - 1);
      }
      total += nk * (varMean / d);
    }
    return total / pixels;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double[] clipRow(DistillView view, int level, int id) {
    int c = view.clipDim();
    double[] row = new double[c];
    for (int k = 0; k < c; k++) {
      row[k] = view.clip()[level][id * c + k];
    }
    return row;
  }

  private static double[] slice(double[] a, int from, int len) {
    double[] s = new double[len];
    System.arraycopy(a, from, s, 0, len);
    return s;
  }

  private static double[] relu(double[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.max(a[i], 0);
    }
    return a;
  }

  private static double[] add(double[] a, double[] b) {
    double[] s = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
