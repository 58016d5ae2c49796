package org.gags.render;

/**
 * A rendered view. Images are row-major; {@code rgb} holds 3 floats per pixel. Absent outputs are
 * null. {@code stats} exposes the intermediates, as gsplat's {@code meta} does.
 */
public record RenderResult(
    int width, int height, float[] rgb, float[] alpha, float[] depth, Contributors contributors, Stats stats) {

  /**
   * @param gaussians Gaussians in the scene
   * @param visible Gaussians that survived projection culling
   * @param intersections tile–Gaussian pairs (0 for the reference twin, which has no tiles)
   * @param projectNanos time in projection (and SH colour)
   * @param binNanos time in sorting and tile binning
   * @param compositeNanos time in compositing and contributor assembly
   */
  public record Stats(
      int gaussians, int visible, long intersections, long projectNanos, long binNanos, long compositeNanos) {
    public long totalNanos() {
      return projectNanos + binNanos + compositeNanos;
    }
  }

  /**
   * Turns composited channels and transmittance into the outputs, the same way for the tiled
   * rasterizer and its reference twin: rgb += T·background; alpha = 1 − T; depth /= max(alpha, 1e-10).
   */
  static RenderResult finish(
      int width, int height, RenderRequest request, float[] channels, float[] transmittance,
      Contributors contributors, Stats stats) {
    int n = width * height;
    int c = request.channelCount();
    float[] rgb = request.rgb() ? new float[3 * n] : null;
    float[] depth = request.depth() ? new float[n] : null;
    float[] alpha = new float[n];
    float[] bg = request.background();
    for (int p = 0; p < n; p++) {
      float t = transmittance[p];
      alpha[p] = 1f - t;
      int o = p * c;
      if (rgb != null) {
        for (int j = 0; j < 3; j++) {
          rgb[3 * p + j] = channels[o + j] + t * bg[j];
        }
        o += 3;
      }
      if (depth != null) {
        depth[p] = channels[o] / Math.max(alpha[p], 1e-10f);
      }
    }
    return new RenderResult(width, height, rgb, alpha, depth, contributors, stats);
  }
}
