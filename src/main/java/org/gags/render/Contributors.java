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
}
