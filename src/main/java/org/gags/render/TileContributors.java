package org.gags.render;

import java.util.Arrays;
import org.gags.util.Parallel;

/** Contributor entries of one tile, in the order they were composited, then merged into CSR. */
final class TileContributors {
  private final int tileSize;
  private final int[] pixelCounts;
  private int[] pixels = new int[256];
  private int[] gaussians = new int[256];
  private float[] weights = new float[256];
  private int size;

  TileContributors(int tileSize) {
    this.tileSize = tileSize;
    this.pixelCounts = new int[tileSize * tileSize];
  }

  void add(int localPixel, int gaussian, float weight) {
    if (size == gaussians.length) {
      int n = Math.max(256, size * 2);
      pixels = Arrays.copyOf(pixels, n);
      gaussians = Arrays.copyOf(gaussians, n);
      weights = Arrays.copyOf(weights, n);
    }
    pixels[size] = localPixel;
    gaussians[size] = gaussian;
    weights[size] = weight;
    size++;
    pixelCounts[localPixel]++;
  }

  static Contributors assemble(TileContributors[] tiles, TileBins bins, int width, int height, int threads) {
    int ts = bins.tileSize();
    int[] start = new int[width * height + 1];
    for (int t = 0; t < tiles.length; t++) {
      int x0 = (t % bins.tilesX()) * ts;
      int y0 = (t / bins.tilesX()) * ts;
      TileContributors tc = tiles[t];
      for (int ly = 0; ly < ts && y0 + ly < height; ly++) {
        for (int lx = 0; lx < ts && x0 + lx < width; lx++) {
          start[(y0 + ly) * width + x0 + lx + 1] = tc.pixelCounts[ly * ts + lx];
        }
      }
    }
    for (int p = 0; p < width * height; p++) {
      start[p + 1] += start[p];
    }
    int[] gaussians = new int[start[width * height]];
    float[] weights = new float[gaussians.length];
    Parallel.forEach(
        tiles.length,
        threads,
        t -> {
          TileContributors tc = tiles[t];
          int x0 = (t % bins.tilesX()) * ts;
          int y0 = (t / bins.tilesX()) * ts;
          int[] cursor = new int[ts * ts];
          for (int i = 0; i < tc.size; i++) {
            int lp = tc.pixels[i];
            int p = (y0 + lp / ts) * width + x0 + lp % ts;
            int dst = start[p] + cursor[lp]++;
            gaussians[dst] = tc.gaussians[i];
            weights[dst] = tc.weights[i];
          }
        });
    return new Contributors(width, height, start, gaussians, weights);
  }
}
