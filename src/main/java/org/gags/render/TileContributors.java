package org.gags.render;

import org.gags.util.Parallel;

/**
 * Contributor entries of one tile. While a tile is composited (Gaussian by Gaussian) entries go to
 * a per-thread scratch buffer that is reused across tiles; when the tile is done they are sorted by
 * pixel (stable, so each pixel keeps its front-to-back order) into exact-size arrays, which the
 * final assembly copies into the view's CSR arrays run by run.
 */
final class TileContributors {
  /** Per-thread scratch, grown as needed and never shrunk. */
  static final class Scratch {
    int[] pixels = new int[4096];
    int[] gaussians = new int[4096];
    float[] weights = new float[4096];
    int[] pixelCounts;
    int size;

    void reset(int tilePixels) {
      if (pixelCounts == null || pixelCounts.length < tilePixels) {
        pixelCounts = new int[tilePixels];
      } else {
        java.util.Arrays.fill(pixelCounts, 0, tilePixels, 0);
      }
      size = 0;
    }

    void add(int localPixel, int gaussian, float weight) {
      if (size == gaussians.length) {
        int n = size * 2;
        pixels = java.util.Arrays.copyOf(pixels, n);
        gaussians = java.util.Arrays.copyOf(gaussians, n);
        weights = java.util.Arrays.copyOf(weights, n);
      }
      pixels[size] = localPixel;
      gaussians[size] = gaussian;
      weights[size] = weight;
      size++;
      pixelCounts[localPixel]++;
    }
  }

  /** Entries per local pixel (ts·ts, row-major within the tile). */
  final int[] pixelCounts;
  /** Entries grouped by local pixel, front to back within a pixel. */
  final int[] gaussians;
  final float[] weights;

  private TileContributors(int[] pixelCounts, int[] gaussians, float[] weights) {
    this.pixelCounts = pixelCounts;
    this.gaussians = gaussians;
    this.weights = weights;
  }

  /** Freezes the scratch of a finished tile into pixel order. */
  static TileContributors of(Scratch s, int tilePixels) {
    int[] counts = java.util.Arrays.copyOf(s.pixelCounts, tilePixels);
    int[] cursor = new int[tilePixels];
    for (int p = 1; p < tilePixels; p++) {
      cursor[p] = cursor[p - 1] + counts[p - 1];
    }
    int[] g = new int[s.size];
    float[] w = new float[s.size];
    for (int i = 0; i < s.size; i++) {
      int dst = cursor[s.pixels[i]]++;
      g[dst] = s.gaussians[i];
      w[dst] = s.weights[i];
    }
    return new TileContributors(counts, g, w);
  }

  static Contributors assemble(TileContributors[] tiles, TileBins bins, int width, int height, int threads) {
    int ts = bins.tileSize();
    int[] start = new int[width * height + 1];
    for (int t = 0; t < tiles.length; t++) {
      int x0 = (t % bins.tilesX()) * ts;
      int y0 = (t / bins.tilesX()) * ts;
      for (int ly = 0; ly < ts && y0 + ly < height; ly++) {
        for (int lx = 0; lx < ts && x0 + lx < width; lx++) {
          start[(y0 + ly) * width + x0 + lx + 1] = tiles[t].pixelCounts[ly * ts + lx];
        }
      }
    }
    for (int p = 0; p < width * height; p++) {
      start[p + 1] += start[p];
    }
    int[] gaussians = new int[start[width * height]];
    float[] weights = new float[gaussians.length];
    Parallel.forEach(tiles.length, threads, t -> {
      TileContributors tc = tiles[t];
      int x0 = (t % bins.tilesX()) * ts;
      int y0 = (t / bins.tilesX()) * ts;
      int src = 0;
      for (int lp = 0; lp < ts * ts; lp++) {
        int n = tc.pixelCounts[lp];
        if (n > 0) {
          int p = (y0 + lp / ts) * width + x0 + lp % ts;
          System.arraycopy(tc.gaussians, src, gaussians, start[p], n);
          System.arraycopy(tc.weights, src, weights, start[p], n);
          src += n;
        }
      }
    });
    return new Contributors(width, height, start, gaussians, weights);
  }
}
