package org.gags.prompt;

/**
 * One view's prompt points, in pixel coordinates (x = column, y = row), grouped by patch in the
 * sampler's patch order.
 *
 * @param patchPoints points per patch (n_k), in patch order; empty for the uniform grid
 * @param patchSide points per side per patch (s_k), in patch order; empty for the uniform grid
 */
public record Prompts(float[] x, float[] y, int[] patchPoints, int[] patchSide) {
  public Prompts {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y must have one length, found " + x.length + " != " + y.length);
    }
    if (patchPoints.length != patchSide.length) {
      throw new IllegalArgumentException(
          "patchPoints and patchSide must have one length, found " + patchPoints.length + " != " + patchSide.length);
    }
    if (patchPoints.length > 0) {
      long sum = 0;
      for (int n : patchPoints) {
        sum += n;
      }
      if (sum != x.length) {
        throw new IllegalArgumentException("patch point counts add up to " + sum + ", but there are " + x.length + " points");
      }
    }
  }

  public int count() {
    return x.length;
  }
}
