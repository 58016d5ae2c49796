package org.gags.prompt;

/**
 * The Gaussian centres one view sees (METHOD.md 2.1 step 2), in Gaussian index order: which
 * Gaussian, the pixel its centre rounds to ({@code v·width + u}) and the rendered depth D at that
 * pixel (the depth the method assigns it in this view, not its own camera z).
 */
public record ViewVisibility(int width, int height, int[] gaussians, int[] pixels, float[] depths) {
  public ViewVisibility {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be > 0, found " + width + "x" + height);
    }
    if (gaussians.length != pixels.length || gaussians.length != depths.length) {
      throw new IllegalArgumentException(
          "gaussians, pixels and depths must have one length, found " + gaussians.length + ", " + pixels.length + ", "
              + depths.length);
    }
  }

  public int count() {
    return gaussians.length;
  }
}
