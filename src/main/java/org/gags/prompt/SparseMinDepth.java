package org.gags.prompt;

/**
 * One view's minimum-depth map (METHOD.md 2.1 step 4), sparse: at each pixel where a visible
 * Gaussian centre projects, that Gaussian's minimum depth over all views; 0 everywhere else.
 *
 * @param pixels row-major pixel indices, strictly ascending
 * @param values the map's value at each of {@code pixels}
 */
public record SparseMinDepth(int width, int height, int[] pixels, float[] values) {
  public SparseMinDepth {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be > 0, found " + width + "x" + height);
    }
    if (pixels.length != values.length) {
      throw new IllegalArgumentException("pixels and values must have one length, found " + pixels.length + " != " + values.length);
    }
    long n = (long) width * height;
    for (int i = 0; i < pixels.length; i++) {
      if (pixels[i] < 0 || pixels[i] >= n || (i > 0 && pixels[i] <= pixels[i - 1])) {
        throw new IllegalArgumentException(
            "pixels must be ascending indices in 0.." + (n - 1) + ", found " + pixels[i] + " at position " + i);
      }
    }
  }

  /** The map as a row-major width·height array, 0 where no visible centre projects. */
  public float[] dense() {
    float[] out = new float[width * height];
    for (int i = 0; i < pixels.length; i++) {
      out[pixels[i]] = values[i];
    }
    return out;
  }
}
