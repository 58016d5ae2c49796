package org.gags.render;

/**
 * What one render produces. Alpha (1 − final transmittance) always comes back.
 *
 * @param rgb SH colour composited over {@code background}
 * @param depth expected depth Σ α T z / max(alpha, 1e-10)
 * @param contributors the per-pixel (Gaussian, α·T) lists
 * @param background RGB background, 3 values (used only with rgb)
 */
public record RenderRequest(boolean rgb, boolean depth, boolean contributors, float[] background) {
  private static final float[] BLACK = {0f, 0f, 0f};

  public RenderRequest {
    if (background == null) {
      background = BLACK;
    }
    if (background.length != 3) {
      throw new IllegalArgumentException("background must be 3 values, found " + background.length);
    }
    background = background.clone();
  }

  public static RenderRequest rgb(float[] background) {
    return new RenderRequest(true, false, false, background);
  }

  public static RenderRequest depthOnly() {
    return new RenderRequest(false, true, false, BLACK);
  }

  public static RenderRequest alphaOnly() {
    return new RenderRequest(false, false, false, BLACK);
  }

  public static RenderRequest contributorsOnly() {
    return new RenderRequest(false, false, true, BLACK);
  }

  public RenderRequest withDepth() {
    return new RenderRequest(rgb, true, contributors, background);
  }

  public RenderRequest withContributors() {
    return new RenderRequest(rgb, depth, true, background);
  }

  /** Channels composited per Gaussian: 3 for rgb, then 1 for depth. */
  int channelCount() {
    return (rgb ? 3 : 0) + (depth ? 1 : 0);
  }
}
