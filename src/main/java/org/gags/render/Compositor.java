package org.gags.render;

import org.gags.util.Parallel;

/**
 * Step 3 of rasterization: front-to-back alpha compositing of each tile's depth-ordered list, as
 * gsplat v1.4.0's {@code rasterize_to_pixels_fwd}: pixel centre (x+0.5, y+0.5), α = min(0.999,
 * o·exp(−σ)), skip when σ < 0 or α < 1/255, stop before the Gaussian that would take T to 1e-4 or
 * below. Accumulates any number of channels per Gaussian (colour, depth, features) in one pass and
 * optionally records the contributor lists. Parallel over tiles; no allocation per pixel.
 */
public final class Compositor {
  static final int STRIDE = 8;

  private Compositor() {}

  /**
   * Splats in depth order, packed for locality: {@code geometry[8k..8k+8)} = x, y, conic a, b, c,
   * opacity, α-extent x, α-extent y and {@code channels[C·k..C·k+C)} for the Gaussian at depth
   * position k.
   */
  public record PackedSplats(float[] geometry, float[] channels, int channelCount) {
    static PackedSplats pack(ProjectedGaussians p, int[] sortedGaussians, float[] perGaussianChannels, int c) {
      int v = sortedGaussians.length;
      float[] geo = new float[STRIDE * v];
      float[] ch = new float[c * v];
      for (int k = 0; k < v; k++) {
        int g = sortedGaussians[k];
        int o = STRIDE * k;
        geo[o] = p.meanX()[g];
        geo[o + 1] = p.meanY()[g];
        geo[o + 2] = p.conicA()[g];
        geo[o + 3] = p.conicB()[g];
        geo[o + 4] = p.conicC()[g];
        geo[o + 5] = p.opacity()[g];
        geo[o + 6] = p.extentX()[g];
        geo[o + 7] = p.extentY()[g];
        System.arraycopy(perGaussianChannels, g * c, ch, k * c, c);
      }
      return new PackedSplats(geo, ch, c);
    }
  }

  /** Composited channels (Σ c·α·T, row-major, C per pixel) and final transmittance per pixel. */
  public record Composite(float[] channels, float[] transmittance, Contributors contributors) {}

  public static Composite composite(
      TileBins bins, PackedSplats splats, int width, int height, RenderSettings s, boolean recordContributors) {
    int c = splats.channelCount();
    float[] out = new float[width * height * c];
    float[] trans = new float[width * height];
    int tiles = bins.tileCount();
    TileContributors[] perTile = recordContributors ? new TileContributors[tiles] : null;
    int tilePixels = bins.tileSize() * bins.tileSize();
    ThreadLocal<TileContributors.Scratch> scratch = ThreadLocal.withInitial(TileContributors.Scratch::new);
    Parallel.forEach(
        tiles,
        s.threads(),
        t -> {
          TileContributors.Scratch rec = null;
          if (recordContributors) {
            rec = scratch.get();
            rec.reset(tilePixels);
          }
          compositeTile(bins, splats, width, height, s, t, out, trans, rec);
          if (rec != null) {
            perTile[t] = TileContributors.of(rec, tilePixels);
          }
        });
    Contributors contributors =
        recordContributors ? TileContributors.assemble(perTile, bins, width, height, s.threads()) : null;
    return new Composite(out, trans, contributors);
  }

  /**
   * Composites one tile Gaussian by Gaussian, front to back. Each Gaussian visits only the pixels
   * of its α-extent box (outside it α < 1/255 for certain, so those pixels would skip it anyway);
   * each pixel still receives its Gaussians in depth order, so the result equals the per-pixel
   * loop exactly. The tile ends when every pixel has saturated.
   */
  private static void compositeTile(
      TileBins bins, PackedSplats splats, int width, int height, RenderSettings s, int tile,
      float[] out, float[] trans, TileContributors.Scratch rec) {
    int ts = bins.tileSize();
    int x0 = (tile % bins.tilesX()) * ts;
    int y0 = (tile / bins.tilesX()) * ts;
    int x1 = Math.min(width, x0 + ts);
    int y1 = Math.min(height, y0 + ts);
    int tw = x1 - x0;
    int pixels = tw * (y1 - y0);
    int start = bins.tileStart()[tile];
    int end = bins.tileStart()[tile + 1];
    int[] entries = bins.entries();
    int[] sortedGaussians = bins.sortedGaussians();
    float[] geo = splats.geometry();
    float[] ch = splats.channels();
    int c = splats.channelCount();
    float cap = s.alphaCap();
    float minAlpha = s.minAlpha();
    float minT = s.minTransmittance();
    float[] t = new float[pixels];
    java.util.Arrays.fill(t, 1f);
    boolean[] done = new boolean[pixels];
    float[] acc = new float[pixels * c];
    int remaining = pixels;
    for (int e = start; e < end && remaining > 0; e++) {
      int k = entries[e];
      int o = STRIDE * k;
      float mx = geo[o], my = geo[o + 1], ca = geo[o + 2], cb = geo[o + 3], cc = geo[o + 4], op = geo[o + 5];
      // Pixels whose centre (x + 0.5) lies within the extent of the mean.
      int px0 = Math.max(x0, (int) Math.ceil(mx - geo[o + 6] - 0.5f));
      int px1 = Math.min(x1 - 1, (int) Math.floor(mx + geo[o + 6] - 0.5f));
      int py0 = Math.max(y0, (int) Math.ceil(my - geo[o + 7] - 0.5f));
      int py1 = Math.min(y1 - 1, (int) Math.floor(my + geo[o + 7] - 0.5f));
      int ck = c * k;
      for (int y = py0; y <= py1; y++) {
        float pyc = y + 0.5f;
        int row = (y - y0) * tw - x0;
        for (int x = px0; x <= px1; x++) {
          int lp = row + x;
          if (done[lp]) {
            continue;
          }
          float sigma = SplatMath.sigma(mx, my, ca, cb, cc, x + 0.5f, pyc);
          float alpha = SplatMath.alpha(op, sigma, cap);
          if (sigma < 0f || alpha < minAlpha) {
            continue;
          }
          float tp = t[lp];
          float nextT = tp * (1f - alpha);
          if (nextT <= minT) {
            done[lp] = true;
            remaining--;
            continue;
          }
          float vis = alpha * tp;
          int a = lp * c;
          for (int j = 0; j < c; j++) {
            acc[a + j] += ch[ck + j] * vis;
          }
          if (rec != null) {
            rec.add((y - y0) * ts + (x - x0), sortedGaussians[k], vis);
          }
          t[lp] = nextT;
        }
      }
    }
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int lp = (y - y0) * tw + (x - x0);
        int p = y * width + x;
        System.arraycopy(acc, lp * c, out, p * c, c);
        trans[p] = t[lp];
      }
    }
  }
}
