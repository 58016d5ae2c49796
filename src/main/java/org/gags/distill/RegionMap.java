package org.gags.distill;

import java.util.Arrays;

/**
 * The regions of region-aware distillation (RAD) and feature consistency, as the reference's
 * {@code get_trained_seg}: smooth the granularity weights w with a 5×5 box (ones/25, zero padding
 * 2, so border pixels average in zeros), take per pixel the level of the largest smoothed weight
 * (the first on ties, as {@code argmax}) and the segment id at that level. Ids are made distinct
 * across levels by the level offsets (the reference's ids are offset so). Pixels whose segment at
 * that level is −1 belong to no region. Regions are numbered in ascending id order
 * ({@code torch.unique}).
 *
 * @param regionOfPixel per pixel, the region's index (0..regions−1) or −1
 * @param regionIds per region, its id (level offset + segment id), ascending
 * @param counts per region, its pixel count
 */
public record RegionMap(int[] regionOfPixel, int[] regionIds, int[] counts) {

  public int regions() {
    return regionIds.length;
  }

  /**
   * @param w granularity weights, pixel-major (3 per pixel: s, m, l)
   * @param segments per-level segment ids (s, m, l), row-major
   * @param levelOffsets added to a level's ids to make them distinct across levels
   */
  public static RegionMap of(double[] w, int width, int height, int[][] segments, int[] levelOffsets) {
    int[] level = dominantLevel(w, width, height);
    int n = width * height;
    int[] id = new int[n];
    for (int p = 0; p < n; p++) {
      int s = segments[level[p]][p];
      id[p] = s < 0 ? -1 : levelOffsets[level[p]] + s;
    }
    return fromIds(id);
  }

  /** Dense region numbering of an id map (−1 left out). */
  public static RegionMap fromIds(int[] id) {
    int[] sorted = Arrays.stream(id).filter(v -> v >= 0).sorted().distinct().toArray();
    int[] region = new int[id.length];
    int[] counts = new int[sorted.length];
    for (int p = 0; p < id.length; p++) {
      region[p] = id[p] < 0 ? -1 : Arrays.binarySearch(sorted, id[p]);
      if (region[p] >= 0) {
        counts[region[p]]++;
      }
    }
    return new RegionMap(region, sorted, counts);
  }

  /** Per pixel, argmax over the three levels of the zero-padded 5×5 box mean of w. */
  public static int[] dominantLevel(double[] w, int width, int height) {
    if (w.length != 3 * width * height) {
      throw new IllegalArgumentException(
          "w must hold 3 weights per pixel (" + (3 * width * height) + "), found " + w.length);
    }
    int[] level = new int[width * height];
    double[] mean = new double[3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        Arrays.fill(mean, 0);
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy < 0 || yy >= height || xx < 0 || xx >= width) {
              continue;
            }
            int q = 3 * (yy * width + xx);
            for (int c = 0; c < 3; c++) {
              mean[c] += w[q + c];
            }
          }
        }
        int best = 0;
        for (int c = 1; c < 3; c++) {
          if (mean[c] / 25.0 > mean[best] / 25.0) {
            best = c;
          }
        }
        level[y * width + x] = best;
      }
    }
    return level;
  }
}
