package org.gags.distill;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gags.render.Contributors;

/** Tiny generated distillation cases (fixed seeds): random contributor lists, segments and CLIP tables. */
final class DistillFixtures {
  private DistillFixtures() {}

  /** Tiny decoders: feature 3, width 5, CLIP 6, granularity 3→4→3→3. */
  static DistillConfig tinyConfig() {
    return DistillConfig.gags().withWidths(3, 5, 6, 4, 3).withSchedule(40, 21);
  }

  /**
   * A view of width × height pixels over {@code gaussians} Gaussians: each pixel has 0..maxPerPixel
   * contributors with weights like α·T; segment ids per level with about {@code holes} of them −1.
   */
  static DistillView view(long seed, int width, int height, int gaussians, int maxPerPixel, int[] segmentCounts,
      double holes, int clipDim) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = width * height;
    int[] start = new int[n + 1];
    List<Integer> ids = new ArrayList<>();
    List<Float> ws = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int k = r.nextInt(maxPerPixel + 1);
      float t = 1f;
      for (int j = 0; j < k; j++) {
        float a = (float) r.nextDouble(0.05, 0.9);
        ids.add(r.nextInt(gaussians));
        ws.add(a * t);
        t *= 1 - a;
      }
      start[p + 1] = ids.size();
    }
    int[] g = ids.stream().mapToInt(Integer::intValue).toArray();
    float[] w = new float[ws.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = ws.get(i);
    }
    Contributors lists = new Contributors(width, height, start, g, w);
    int[][] seg = new int[3][n];
    float[][] clip = new float[3][];
    for (int l = 0; l < 3; l++) {
      // Blocky segments so regions have several pixels.
      int cell = 2 + l;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int id = ((x / cell) * 7 + (y / cell) * 3) % segmentCounts[l];
          seg[l][y * width + x] = r.nextDouble() < holes ? -1 : id;
        }
      }
      clip[l] = new float[segmentCounts[l] * clipDim];
      for (int s = 0; s < segmentCounts[l]; s++) {
        double norm = 0;
        double[] v = new double[clipDim];
        for (int c = 0; c < clipDim; c++) {
          v[c] = r.nextGaussian();
          norm += v[c] * v[c];
        }
        for (int c = 0; c < clipDim; c++) {
          clip[l][s * clipDim + c] = (float) (v[c] / Math.sqrt(norm));
        }
      }
    }
    return new DistillView("view" + seed, lists, seg, clip, clipDim);
  }

  static DistillView tinyView(long seed, int gaussians) {
    return view(seed, 7, 6, gaussians, 4, new int[] {5, 4, 3}, 0.1, 6);
  }

  /** Random (float-representable) features in ±scale. */
  static double[] features(long seed, int gaussians, int dim, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] f = new double[gaussians * dim];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextDouble(-scale, scale);
    }
    return f;
  }
}
