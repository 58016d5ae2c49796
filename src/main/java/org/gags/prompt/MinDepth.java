package org.gags.prompt;

import java.util.Arrays;
import org.gags.scene.Camera;

/**
 * Minimum depth per Gaussian over all views (METHOD.md 2.1), as three small steps that a
 * distributed job can run per view and combine: {@link #visible} (which centres a view sees and at
 * what depth), {@link #accumulateMin} (an order-independent min, so any partition of the views
 * gives the same result bit for bit) and {@link #sparseMap} (a view's min-depth map). Follows the
 * authors' code: the centre's pixel is rounded half to even (as {@code torch.round}), the visible
 * depth is the rendered depth at that pixel, and the map keeps the last write in Gaussian order.
 * {@link MinDepthReference} composes them over a whole scene on one thread.
 */
public final class MinDepth {
  private MinDepth() {}

  /**
   * The centres {@code cam} sees: p = R·X + t (double), skipped when p.z ≤ 0; pixel
   * (rint(p.x·fx/p.z + cx), rint(p.y·fy/p.z + cy)); visible when inside the image and
   * |D − p.z| ≤ tolerance·D with D the rendered depth there (D = 0 never passes).
   *
   * @param positions 3 floats per Gaussian (x, y, z, world)
   * @param depth the view's rendered expected depth, row-major width·height
   */
  public static ViewVisibility visible(float[] positions, Camera cam, float[] depth, double tolerance) {
    int w = cam.width();
    int h = cam.height();
    if (positions.length % 3 != 0) {
      throw new IllegalArgumentException("positions must hold 3 floats per Gaussian, found " + positions.length);
    }
    if (depth.length != (long) w * h) {
      throw new IllegalArgumentException(
          "depth must hold " + w + "*" + h + " floats for the camera's image, found " + depth.length);
    }
    double[] r = cam.rotation();
    double[] t = cam.translation();
    int n = positions.length / 3;
    int[] gaussians = new int[n];
    int[] pixels = new int[n];
    float[] depths = new float[n];
    int k = 0;
    for (int g = 0; g < n; g++) {
      double x = positions[3 * g], y = positions[3 * g + 1], z = positions[3 * g + 2];
      double px = r[0] * x + r[1] * y + r[2] * z + t[0];
      double py = r[3] * x + r[4] * y + r[5] * z + t[1];
      double pz = r[6] * x + r[7] * y + r[8] * z + t[2];
      if (!(pz > 0)) {
        continue;
      }
      double u = Math.rint(px * cam.fx() / pz + cam.cx());
      double v = Math.rint(py * cam.fy() / pz + cam.cy());
      if (!(u >= 0 && u < w && v >= 0 && v < h)) {
        continue;
      }
      int pixel = (int) v * w + (int) u;
      float d = depth[pixel];
      if (d > 0 && Math.abs(d - pz) <= tolerance * d) {
        gaussians[k] = g;
        pixels[k] = pixel;
        depths[k] = d;
        k++;
      }
    }
    return new ViewVisibility(w, h, Arrays.copyOf(gaussians, k), Arrays.copyOf(pixels, k), Arrays.copyOf(depths, k));
  }

  /** dmin[g] = min(dmin[g], depth) for every Gaussian the view sees; callers start from +∞. */
  public static void accumulateMin(ViewVisibility v, float[] dmin) {
    int[] gs = v.gaussians();
    float[] ds = v.depths();
    for (int i = 0; i < gs.length; i++) {
      if (ds[i] < dmin[gs[i]]) {
        dmin[gs[i]] = ds[i];
      }
    }
  }

  /**
   * The view's min-depth map: at each visible centre's pixel its Gaussian's {@code dmin}; where
   * several centres share a pixel the one with the highest Gaussian index wins (the reference's
   * last write).
   */
  public static SparseMinDepth sparseMap(ViewVisibility v, float[] dmin) {
    int n = v.count();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) v.pixels()[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] pixels = new int[n];
    float[] values = new float[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int pixel = (int) (keys[i] >>> 32);
      if (i + 1 < n && (int) (keys[i + 1] >>> 32) == pixel) {
        continue; // a later Gaussian writes this pixel again
      }
      pixels[k] = pixel;
      values[k] = dmin[v.gaussians()[(int) keys[i]]];
      k++;
    }
    return new SparseMinDepth(v.width(), v.height(), Arrays.copyOf(pixels, k), Arrays.copyOf(values, k));
  }
}
