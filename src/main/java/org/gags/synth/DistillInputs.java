package org.gags.synth;

import java.util.SplittableRandom;
import org.gags.distill.DistillView;
import org.gags.render.Contributors;

/**
 * Synthetic distillation inputs for benchmarks, deterministic for a seed: contributor lists with
 * exactly K distinct random Gaussians per pixel, segment maps of compact regions (a Voronoi
 * partition, some regions uncovered), and random unit CLIP rows. A training step's cost depends on
 * these sizes, not on the values.
 */
public final class DistillInputs {
  private DistillInputs() {}

  /** Every twentieth region of a level is "no mask" (−1), about 5% of its pixels. */
  static final int HOLE_EVERY = 20;

  /**
   * width × height pixels, each with exactly {@code perPixel} distinct Gaussians drawn uniformly from
   * {@code gaussians}, weights α·T front to back with α in [0.01, 0.2] (so they sum to below 1).
   */
  public static Contributors contributors(long seed, int width, int height, int gaussians, int perPixel) {
    if (width <= 0 || height <= 0 || perPixel <= 0 || perPixel > gaussians) {
      throw new IllegalArgumentException("expected a positive size and 1.." + gaussians + " contributors per pixel, found "
          + width + "x" + height + " and " + perPixel);
    }
    long entries = (long) width * height * perPixel;
    if (entries > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(entries + " contributor entries do not fit one Java array");
    }
    SplittableRandom r = new SplittableRandom(seed);
    int n = width * height;
    int[] start = new int[n + 1];
    int[] ids = new int[(int) entries];
    float[] weights = new float[(int) entries];
    int[] usedBy = new int[gaussians]; // pixel + 1 that last drew the Gaussian: distinct ids per pixel
    int e = 0;
    for (int p = 0; p < n; p++) {
      float t = 1f;
      for (int j = 0; j < perPixel; j++) {
        int g;
        do {
          g = r.nextInt(gaussians);
        } while (usedBy[g] == p + 1);
        usedBy[g] = p + 1;
        float a = (float) r.nextDouble(0.01, 0.2);
        ids[e] = g;
        weights[e] = a * t;
        t *= 1 - a;
        e++;
      }
      start[p + 1] = e;
    }
    return new Contributors(width, height, start, ids, weights);
  }

  /**
   * A segment-id map (row-major) of {@code regions} compact regions: each pixel takes the id of the
   * nearest of {@code regions} random centres; every {@value #HOLE_EVERY}th region is −1 (no mask).
   */
  public static int[] segments(long seed, int width, int height, int regions) {
    if (regions <= 0) {
      throw new IllegalArgumentException("regions must be positive, found " + regions);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[] cx = new double[regions];
    double[] cy = new double[regions];
    for (int k = 0; k < regions; k++) {
      cx[k] = r.nextDouble() * width;
      cy[k] = r.nextDouble() * height;
    }
    int[] ids = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < regions; k++) {
          double dx = x + 0.5 - cx[k];
          double dy = y + 0.5 - cy[k];
          double d = dx * dx + dy * dy;
          if (d < bestD) {
            bestD = d;
            best = k;
          }
        }
        ids[y * width + x] = best % HOLE_EVERY == HOLE_EVERY - 1 ? -1 : best;
      }
    }
    return ids;
  }

  /** {@code count} random unit rows of {@code dim} floats (row-major). */
  public static float[] clip(long seed, int count, int dim) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[count * dim];
    double[] v = new double[dim];
    for (int s = 0; s < count; s++) {
      double norm = 0;
      for (int c = 0; c < dim; c++) {
        v[c] = r.nextGaussian();
        norm += v[c] * v[c];
      }
      for (int c = 0; c < dim; c++) {
        out[s * dim + c] = (float) (v[c] / Math.sqrt(norm));
      }
    }
    return out;
  }

  /**
   * A view over given contributor lists with synthetic segments (regionsPerLevel s, m, l regions)
   * and CLIP tables ({@code clipDim} wide).
   */
  public static DistillView view(String name, long seed, Contributors lists, int[] regionsPerLevel, int clipDim) {
    if (regionsPerLevel.length != 3) {
      throw new IllegalArgumentException("expected region counts for 3 levels (s, m, l), found " + regionsPerLevel.length);
    }
    int[][] seg = new int[3][];
    float[][] clip = new float[3][];
    for (int l = 0; l < 3; l++) {
      seg[l] = segments(seed * 31 + l, lists.width(), lists.height(), regionsPerLevel[l]);
      clip[l] = clip(seed * 37 + l, regionsPerLevel[l], clipDim);
    }
    return new DistillView(name, lists, seg, clip, clipDim);
  }
}
