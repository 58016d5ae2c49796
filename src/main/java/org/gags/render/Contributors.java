package org.gags.render;

/**
 * Per-pixel contributor lists of one view: for pixel p (row-major), the Gaussians that were
 * composited into it, front to back, with their weights w = α·T. With geometry frozen this is a
 * sparse linear map from per-Gaussian features to the rendered feature image,
 * F(p) = Σ w_i(p) f_i (background 0). CSR layout.
 *
 * @param pixelStart offsets into {@code gaussians}/{@code weights}, length width·height + 1
 */
public record Contributors(int width, int height, int[] pixelStart, int[] gaussians, float[] weights) {

  public Contributors {
    if (pixelStart.length != width * height + 1) {
      throw new IllegalArgumentException(
          "pixelStart must hold width*height+1 = " + (width * height + 1) + " offsets, found " + pixelStart.length);
    }
    if (gaussians.length != weights.length || pixelStart[width * height] != gaussians.length) {
      throw new IllegalArgumentException("contributor arrays disagree in length");
    }
  }

  public int entries() {
    return gaussians.length;
  }

  /**
   * Renders a per-Gaussian feature matrix (row-major, {@code dim} values per Gaussian) through the
   * lists: out[p·dim + c] = Σ w·f[g·dim + c], accumulated in float in front-to-back order.
   */
  public float[] render(float[] features, int dim) {
    if (dim <= 0 || features.length % dim != 0) {
      throw new IllegalArgumentException(
          "features length " + features.length + " is not a multiple of dim " + dim);
    }
    float[] out = new float[width * height * dim];
    for (int p = 0; p < width * height; p++) {
      int o = p * dim;
      for (int e = pixelStart[p]; e < pixelStart[p + 1]; e++) {
        int f = gaussians[e] * dim;
        float w = weights[e];
        for (int c = 0; c < dim; c++) {
          out[o + c] += features[f + c] * w;
        }
      }
    }
    return out;
  }

  /** The transposed map: per-Gaussian sums of w·g(p) for a per-pixel gradient image (backward pass). */
  public float[] scatter(float[] pixelValues, int dim, int gaussianCount) {
    if (pixelValues.length != width * height * dim) {
      throw new IllegalArgumentException(
          "pixel values must hold " + (width * height * dim) + " floats, found " + pixelValues.length);
    }
    float[] out = new float[gaussianCount * dim];
    for (int p = 0; p < width * height; p++) {
      int o = p * dim;
      for (int e = pixelStart[p]; e < pixelStart[p + 1]; e++) {
        int f = gaussians[e] * dim;
        float w = weights[e];
        for (int c = 0; c < dim; c++) {
          out[f + c] += pixelValues[o + c] * w;
        }
      }
    }
    return out;
  }

  /**
   * The lists with small entries dropped: entries whose weight is below {@code minWeight}, and per
   * pixel all but the {@code topK} largest weights (ties keep the front one); 0 turns either off.
   * Kept entries stay in front-to-back order.
   */
  public Contributors truncated(float minWeight, int topK) {
    if (!(minWeight >= 0) || topK < 0) {
      throw new IllegalArgumentException("truncation needs minWeight >= 0 and topK >= 0, found " + minWeight + ", " + topK);
    }
    if (minWeight == 0 && topK == 0) {
      return this;
    }
    int n = width * height;
    int[] start = new int[n + 1];
    int[] g = new int[gaussians.length];
    float[] w = new float[weights.length];
    int out = 0;
    for (int p = 0; p < n; p++) {
      int a = pixelStart[p];
      int b = pixelStart[p + 1];
      float kth = -1; // the K-th largest weight; entries equal to it are kept front first
      int tiesLeft = Integer.MAX_VALUE;
      if (topK > 0 && b - a > topK) {
        float[] sorted = java.util.Arrays.copyOfRange(weights, a, b);
        java.util.Arrays.sort(sorted);
        kth = sorted[sorted.length - topK];
        int above = 0;
        for (float v : sorted) {
          above += v > kth ? 1 : 0;
        }
        tiesLeft = topK - above;
      }
      for (int e = a; e < b; e++) {
        float v = weights[e];
        boolean keep = v >= minWeight && (v > kth || (v == kth && tiesLeft-- > 0));
        if (keep) {
          g[out] = gaussians[e];
          w[out] = weights[e];
          out++;
        }
      }
      start[p + 1] = out;
    }
    return new Contributors(width, height, start, java.util.Arrays.copyOf(g, out), java.util.Arrays.copyOf(w, out));
  }
}
