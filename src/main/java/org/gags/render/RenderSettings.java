package org.gags.render;

/**
 * Rasterizer constants, defaulting to gsplat v1.4.0 "classic" rasterization (METHOD.md section 1).
 *
 * @param near cull Gaussians whose camera-space depth is below this
 * @param far cull Gaussians whose camera-space depth is above this
 * @param eps2d low-pass term added to both diagonal entries of the 2D covariance
 * @param tileSize square tile edge in pixels
 * @param alphaCap upper bound of a single Gaussian's alpha
 * @param minAlpha Gaussians below this alpha at a pixel are skipped
 * @param minTransmittance compositing stops before the Gaussian that would bring T to or below this
 * @param threads worker threads (0 = all available cores)
 */
public record RenderSettings(
    float near,
    float far,
    float eps2d,
    int tileSize,
    float alphaCap,
    float minAlpha,
    float minTransmittance,
    int threads) {

  /** gsplat v1.4.0 classic constants, all cores. */
  public static final RenderSettings GSPLAT_CLASSIC =
      new RenderSettings(0.01f, 1e10f, 0.3f, 16, 0.999f, 1f / 255f, 1e-4f, 0);

  public RenderSettings {
    if (!(near > 0) || !(far > near)) {
      throw new IllegalArgumentException("need 0 < near < far, found near=" + near + " far=" + far);
    }
    if (!(eps2d >= 0)) {
      throw new IllegalArgumentException("eps2d must be >= 0, found " + eps2d);
    }
    if (tileSize < 1 || tileSize > 256) {
      throw new IllegalArgumentException("tileSize must be 1..256, found " + tileSize);
    }
    if (!(alphaCap > 0 && alphaCap <= 1)) {
      throw new IllegalArgumentException("alphaCap must be in (0, 1], found " + alphaCap);
    }
    if (!(minAlpha >= 0 && minAlpha < alphaCap)) {
      throw new IllegalArgumentException("minAlpha must be in [0, alphaCap), found " + minAlpha);
    }
    if (!(minTransmittance >= 0 && minTransmittance < 1)) {
      throw new IllegalArgumentException("minTransmittance must be in [0, 1), found " + minTransmittance);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, found " + threads);
    }
  }

  public RenderSettings withThreads(int n) {
    return new RenderSettings(near, far, eps2d, tileSize, alphaCap, minAlpha, minTransmittance, n);
  }
}
