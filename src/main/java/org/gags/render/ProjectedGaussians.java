package org.gags.render;

/**
 * Per-Gaussian screen-space quantities after {@link Projection} (struct-of-arrays, indexed by
 * Gaussian). {@code radius[g] == 0} marks a culled Gaussian; its other entries are undefined.
 *
 * @param meanX pixel x of the projected mean
 * @param meanY pixel y of the projected mean
 * @param conicA inverse 2D covariance, entry (0,0)
 * @param conicB inverse 2D covariance, entry (0,1)
 * @param conicC inverse 2D covariance, entry (1,1)
 * @param depth camera-space z of the mean
 * @param opacity sigmoid of the stored logit
 * @param radius ceil(3·sqrt(λmax)) in pixels, 0 when culled
 * @param extentX half-width (pixels, with a safety margin) of the box outside which the Gaussian's
 *     α is below the skip threshold everywhere; +∞ when no such bound applies
 * @param extentY the same vertically
 * @param rgb 3 per Gaussian (SH colour + 0.5, clamped at 0), or null when not requested
 */
public record ProjectedGaussians(
    int count,
    int width,
    int height,
    float[] meanX,
    float[] meanY,
    float[] conicA,
    float[] conicB,
    float[] conicC,
    float[] depth,
    float[] opacity,
    int[] radius,
    float[] extentX,
    float[] extentY,
    float[] rgb) {

  /** Number of Gaussians that survived culling. */
  public int visibleCount() {
    int v = 0;
    for (int r : radius) {
      if (r > 0) {
        v++;
      }
    }
    return v;
  }
}
