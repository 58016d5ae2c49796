package org.gags.render;

import java.util.Arrays;
import org.gags.util.Parallel;

/**
 * Step 2 of rasterization: sorts the visible Gaussians once by (camera depth, index) — the order
 * gsplat's stable radix sort of (tile, depth) keys yields inside each tile — and bins them into
 * 16×16-pixel tiles with a counting sort, which keeps each tile's list in depth order. A Gaussian
 * goes to the tiles of its 3σ-radius box (gsplat's rule) that its α-extent box also reaches: in
 * the others it is below the α threshold at every pixel, so leaving it out changes nothing.
 */
public final class TileBinning {
  private TileBinning() {}

  public static TileBins bin(ProjectedGaussians p, int tileSize, int threads) {
    int[] sorted = depthOrder(p);
    int tilesX = (p.width() + tileSize - 1) / tileSize;
    int tilesY = (p.height() + tileSize - 1) / tileSize;
    int tiles = tilesX * tilesY;
    // Contiguous chunks of the depth order; each counts, then fills, its own slots of every tile,
    // placed after the slots of the chunks before it, so tile lists stay in depth order.
    int chunks = Math.max(1, Math.min(4 * Parallel.resolveThreads(threads), sorted.length / 50_000));
    int chunkLen = (sorted.length + chunks - 1) / Math.max(1, chunks);
    int[][] counts = new int[chunks][];
    Parallel.forEach(chunks, threads, c -> {
      int[] cnt = new int[tiles];
      int[] rect = new int[4];
      for (int k = c * chunkLen, end = Math.min(sorted.length, (c + 1) * chunkLen); k < end; k++) {
        tileRect(p, sorted[k], tileSize, tilesX, tilesY, rect);
        for (int ty = rect[2]; ty < rect[3]; ty++) {
          for (int tx = rect[0]; tx < rect[1]; tx++) {
            cnt[ty * tilesX + tx]++;
          }
        }
      }
      counts[c] = cnt;
    });
    int[] tileStart = new int[tiles + 1];
    long total = 0;
    for (int t = 0; t < tiles; t++) {
      for (int c = 0; c < chunks; c++) {
        int n = counts[c][t];
        counts[c][t] = (int) total; // becomes the chunk's write cursor in tile t
        total += n;
        if (total > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException(
              "too many tile intersections for one view (over " + (Integer.MAX_VALUE - 16)
                  + "); render at a lower resolution or cull large Gaussians");
        }
      }
      tileStart[t + 1] = (int) total;
    }
    int[] entries = new int[(int) total];
    Parallel.forEach(chunks, threads, c -> {
      int[] cursor = counts[c];
      int[] rect = new int[4];
      for (int k = c * chunkLen, end = Math.min(sorted.length, (c + 1) * chunkLen); k < end; k++) {
        tileRect(p, sorted[k], tileSize, tilesX, tilesY, rect);
        for (int ty = rect[2]; ty < rect[3]; ty++) {
          for (int tx = rect[0]; tx < rect[1]; tx++) {
            entries[cursor[ty * tilesX + tx]++] = k;
          }
        }
      }
    });
    return new TileBins(tileSize, tilesX, tilesY, sorted, tileStart, entries);
  }

  /**
   * Tiles [x0, x1) × [y0, y1) into {@code rect}: gsplat's radius box, cut to the tiles that hold a
   * pixel of the Gaussian's α-extent box.
   */
  static void tileRect(ProjectedGaussians p, int g, int tileSize, int tilesX, int tilesY, int[] rect) {
    float mx = p.meanX()[g], my = p.meanY()[g];
    int r = p.radius()[g];
    rect[0] = SplatMath.tileMin(mx, r, tileSize, tilesX);
    rect[1] = SplatMath.tileMax(mx, r, tileSize, tilesX);
    rect[2] = SplatMath.tileMin(my, r, tileSize, tilesY);
    rect[3] = SplatMath.tileMax(my, r, tileSize, tilesY);
    float ex = p.extentX()[g], ey = p.extentY()[g];
    if (ex < Float.POSITIVE_INFINITY) {
      long pxMin = (long) Math.ceil(mx - ex - 0.5f);
      long pxMax = (long) Math.floor(mx + ex - 0.5f);
      rect[0] = (int) Math.max(rect[0], Math.floorDiv(pxMin, tileSize));
      rect[1] = (int) Math.min(rect[1], Math.floorDiv(pxMax, tileSize) + 1);
    }
    if (ey < Float.POSITIVE_INFINITY) {
      long pyMin = (long) Math.ceil(my - ey - 0.5f);
      long pyMax = (long) Math.floor(my + ey - 0.5f);
      rect[2] = (int) Math.max(rect[2], Math.floorDiv(pyMin, tileSize));
      rect[3] = (int) Math.min(rect[3], Math.floorDiv(pyMax, tileSize) + 1);
    }
  }

  /** Indices of the visible Gaussians sorted by (depth, index). */
  static int[] depthOrder(ProjectedGaussians p) {
    int[] radius = p.radius();
    float[] depth = p.depth();
    int visible = p.visibleCount();
    long[] keys = new long[visible];
    int v = 0;
    for (int g = 0; g < p.count(); g++) {
      if (radius[g] > 0) {
        // Depth is > near > 0, so its IEEE bits order like the value.
        keys[v++] = ((long) Float.floatToRawIntBits(depth[g]) << 32) | g;
      }
    }
    Arrays.parallelSort(keys);
    int[] sorted = new int[visible];
    for (int i = 0; i < visible; i++) {
      sorted[i] = (int) keys[i];
    }
    return sorted;
  }
}
