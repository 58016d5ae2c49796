package org.gags.prompt;

/**
 * How much farther a view sees a patch than the closest view does (METHOD.md 2.2), from the view's
 * rendered depth D and its min-depth map Dmin (both row-major over the image).
 *
 * <p>{@link #ratio} is the authors' code: mean of D over every pixel of the patch, zeros included,
 * divided by the mean of Dmin over the patch's non-zero pixels. {@link #meanSquaredInverse} is the
 * paper text's quantity, mean of Dmin²/D² over pixels where both are positive. Sums are in double
 * (the reference averages float32 tensors, which can differ in the last bits).
 */
public final class DepthRatio {
  private DepthRatio() {}

  /** mean(D over the patch) / mean(Dmin over its non-zero pixels); NaN when Dmin is 0 everywhere. */
  public static double ratio(float[] depth, float[] minDepth, int imageWidth, PatchGrid.Patch p) {
    double depthSum = 0;
    double minSum = 0;
    long minCount = 0;
    for (int y = p.y0(); y < p.y0() + p.height(); y++) {
      int row = y * imageWidth;
      for (int x = p.x0(); x < p.x0() + p.width(); x++) {
        depthSum += depth[row + x];
        float m = minDepth[row + x];
        if (m != 0f) {
          minSum += m;
          minCount++;
        }
      }
    }
    if (minCount == 0) {
      return Double.NaN;
    }
    double meanDepth = depthSum / ((long) p.width() * p.height());
    return meanDepth / (minSum / minCount);
  }

  /** mean of Dmin²/D² over the patch's pixels where D > 0 and Dmin > 0; NaN when there are none. */
  public static double meanSquaredInverse(float[] depth, float[] minDepth, int imageWidth, PatchGrid.Patch p) {
    double sum = 0;
    long count = 0;
    for (int y = p.y0(); y < p.y0() + p.height(); y++) {
      int row = y * imageWidth;
      for (int x = p.x0(); x < p.x0() + p.width(); x++) {
        double d = depth[row + x];
        double m = minDepth[row + x];
        if (d > 0 && m > 0) {
          sum += (m * m) / (d * d);
          count++;
        }
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
