package org.gags.render;

/**
 * Per-pixel arithmetic shared by the tiled rasterizer and its reference twin, written in float32
 * in gsplat's order of operations so that the two agree bit for bit.
 */
final class SplatMath {
  private SplatMath() {}

  /** σ = ½(a dx² + c dy²) + b dx dy, with (dx, dy) = mean − pixel centre. */
  static float sigma(float meanX, float meanY, float a, float b, float c, float pixelCentreX, float pixelCentreY) {
    float dx = meanX - pixelCentreX;
    float dy = meanY - pixelCentreY;
    return 0.5f * (a * dx * dx + c * dy * dy) + b * dx * dy;
  }

  /** α = min(cap, opacity·exp(−σ)). */
  static float alpha(float opacity, float sigma, float cap) {
    return Math.min(cap, opacity * (float) Math.exp(-sigma));
  }

  /**
   * Half-width of the axis-aligned box that holds every pixel where α = o·exp(−σ) can reach
   * {@code minAlpha}: the ellipse σ ≤ ln(o / minAlpha) has half-width sqrt(2·ln(o/minAlpha)·var)
   * along an axis whose 2D variance is {@code var}. Widened by a relative 1e-3 in σ and one pixel
   * so that float rounding of σ and exp can never let a pixel outside it pass the α threshold.
   * Returns 0 when the Gaussian can never reach minAlpha, +∞ when minAlpha is 0.
   */
  static float alphaExtent(double variance, float opacity, float minAlpha) {
    if (!(minAlpha > 0f)) {
      return Float.POSITIVE_INFINITY;
    }
    double sMax = Math.log((double) opacity / minAlpha);
    if (sMax < -1e-3) {
      return 0f;
    }
    double safe = Math.max(0, sMax) * (1 + 1e-3) + 1e-3;
    return (float) (Math.sqrt(2 * safe * variance) + 1.0);
  }

  /** First tile column (inclusive) a Gaussian touches, as gsplat's isect_tiles computes it. */
  static int tileMin(float mean, int radius, int tileSize, int tiles) {
    float tileRadius = radius / (float) tileSize;
    float tile = mean / (float) tileSize;
    return clamp((int) Math.floor(tile - tileRadius), tiles);
  }

  /** Last tile column (exclusive) a Gaussian touches. */
  static int tileMax(float mean, int radius, int tileSize, int tiles) {
    float tileRadius = radius / (float) tileSize;
    float tile = mean / (float) tileSize;
    return clamp((int) Math.ceil(tile + tileRadius), tiles);
  }

  private static int clamp(int v, int tiles) {
    return Math.min(Math.max(0, v), tiles);
  }
}
