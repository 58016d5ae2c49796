package org.gags.segment;

import java.util.List;

/**
 * The slow twin of {@link MaskNms}: LangSplat's {@code mask_nms} (preprocess.py, reused by GAGS)
 * transcribed literally, for tests and benchmarks. It sorts, then fills the full {@code n × n}
 * IoU and "inner" matrices with a pixel loop over the whole image for every pair {@code i <= j},
 * then reduces the matrices exactly as the Python does ({@code triu}, {@code tril(diagonal=1)},
 * column maxima, thresholds, fallbacks). O(n² · width · height): written for clarity, never for
 * speed. {@link MaskNms} documents the rule, the precision and the fallbacks.
 */
public final class MaskNmsReference {
  private MaskNmsReference() {}

  /**
   * Indices (into {@code records}) of the kept masks, ascending: the reference's {@code filter}
   * walks the original list.
   */
  public static int[] select(List<MaskRecord> records, SegmentFilterConfig config) {
    int n = records.size();
    if (n == 0) {
      return new int[0];
    }
    // scores, idx = scores.sort(0, descending=True)   (stable here)
    double[] unsorted = new double[n];
    for (int i = 0; i < n; i++) {
      unsorted[i] = records.get(i).maskNmsScore();
    }
    int[] idx = ScoreOrder.descending(unsorted);
    double[] scores = new double[n];
    boolean[][] masksOrd = new boolean[n][];
    float[] masksArea = new float[n];
    for (int k = 0; k < n; k++) {
      scores[k] = unsorted[idx[k]];
      masksOrd[k] = records.get(idx[k]).mask().toPixels();
      int area = 0;
      for (boolean p : masksOrd[k]) {
        area += p ? 1 : 0;
      }
      masksArea[k] = area; // torch.sum(..., dtype=torch.float)
    }

    float[][] iouMatrix = new float[n][n];
    float[][] innerIouMatrix = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        int inter = 0;
        int union = 0;
        boolean[] a = masksOrd[i];
        boolean[] b = masksOrd[j];
        for (int p = 0; p < a.length; p++) {
          inter += a[p] && b[p] ? 1 : 0;
          union += a[p] || b[p] ? 1 : 0;
        }
        float intersection = inter;
        float iou = intersection / (float) union;
        iouMatrix[i][j] = iou;
        if (intersection / masksArea[i] < 0.5f && intersection / masksArea[j] >= 0.85f) {
          float innerIou = 1f - (intersection / masksArea[j]) * (intersection / masksArea[i]);
          innerIouMatrix[i][j] = innerIou;
        }
        if (intersection / masksArea[i] >= 0.85f && intersection / masksArea[j] < 0.5f) {
          float innerIou = 1f - (intersection / masksArea[j]) * (intersection / masksArea[i]);
          innerIouMatrix[j][i] = innerIou;
        }
      }
    }

    // iou_matrix.triu_(diagonal=1); iou_max = iou_matrix.max(dim=0)
    float[] iouMax = columnMax(iouMatrix, (r, c) -> c - r >= 1);
    // inner_iou_matrix_u = triu(inner, diagonal=1); inner_iou_matrix_l = tril(inner, diagonal=1)
    float[] innerIouMaxU = columnMax(innerIouMatrix, (r, c) -> c - r >= 1);
    float[] innerIouMaxL = columnMax(innerIouMatrix, (r, c) -> c - r <= 1);

    float iouThr = (float) config.maskNmsIou();
    float innerLimit = (float) (1 - config.maskNmsInner());
    boolean[] keep = new boolean[n];
    boolean[] keepConf = new boolean[n];
    boolean[] keepInnerU = new boolean[n];
    boolean[] keepInnerL = new boolean[n];
    for (int k = 0; k < n; k++) {
      keep[k] = iouMax[k] <= iouThr;
      keepConf[k] = scores[k] > config.maskNmsScore();
      keepInnerU[k] = innerIouMaxU[k] <= innerLimit;
      keepInnerL[k] = innerIouMaxL[k] <= innerLimit;
    }
    // "If there are no masks with scores above threshold, the top 3 masks are selected"
    topThreeIfNone(keepConf);
    topThreeIfNone(keepInnerU);
    topThreeIfNone(keepInnerL);

    // selected_idx = idx[keep]; filter() then walks the original list
    boolean[] selected = new boolean[n];
    int count = 0;
    for (int k = 0; k < n; k++) {
      if (keep[k] && keepConf[k] && keepInnerU[k] && keepInnerL[k]) {
        selected[idx[k]] = true;
        count++;
      }
    }
    int[] out = new int[count];
    for (int i = 0, c = 0; i < n; i++) {
      if (selected[i]) {
        out[c++] = i;
      }
    }
    return out;
  }

  private interface Entry {
    boolean kept(int row, int col);
  }

  /** Column maxima of the matrix with the entries outside {@code part} zeroed; NaN propagates (torch.max). */
  private static float[] columnMax(float[][] m, Entry part) {
    int n = m.length;
    float[] out = new float[n];
    for (int c = 0; c < n; c++) {
      float max = part.kept(0, c) ? m[0][c] : 0f;
      for (int r = 1; r < n; r++) {
        max = Math.max(max, part.kept(r, c) ? m[r][c] : 0f);
      }
      out[c] = max;
    }
    return out;
  }

  /** The score-sorted positions 0, 1, 2 (as many as exist) pass when none does. */
  private static void topThreeIfNone(boolean[] pass) {
    for (boolean p : pass) {
      if (p) {
        return;
      }
    }
    for (int k = 0; k < Math.min(3, pass.length); k++) {
      pass[k] = true;
    }
  }
}
