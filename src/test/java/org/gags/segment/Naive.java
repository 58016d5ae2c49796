package org.gags.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain full-image versions of the per-level steps on {@code boolean[]} masks, written from SAM's
 * and LangSplat's Python line by line, for tests to compare the packed, box-limited code with.
 */
final class Naive {
  private Naive() {}

  /** SAM's batched_mask_to_box on one mask. */
  static MaskBox box(boolean[] m, int w, int h) {
    int x0 = Integer.MAX_VALUE;
    int y0 = Integer.MAX_VALUE;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (m[y * w + x]) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? MaskBox.EMPTY : new MaskBox(x0, y0, x1, y1);
  }

  static int count(boolean[] m) {
    int c = 0;
    for (boolean b : m) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /**
   * cv2.connectedComponentsWithStats(working, 8) over the whole image: labels 1..L numbered in
   * OpenCV's block order (first 2×2 block touched), 0 for unset pixels. Returns {labels, sizes}
   * with sizes[0] unused.
   */
  static int[][] components(boolean[] working, int w, int h) {
    int[] comp = new int[w * h];
    Arrays.fill(comp, -1);
    List<int[]> found = new ArrayList<>(); // {firstBlockKeyHigh, keyLow, size, id}
    List<Long> keys = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    int[] queue = new int[w * h];
    for (int s = 0; s < w * h; s++) {
      if (!working[s] || comp[s] >= 0) {
        continue;
      }
      int id = sizes.size();
      int head = 0;
      int tail = 0;
      queue[tail++] = s;
      comp[s] = id;
      long key = Long.MAX_VALUE;
      while (head < tail) {
        int p = queue[head++];
        int x = p % w;
        int y = p / w;
        key = Math.min(key, (long) (y / 2) * w + x / 2);
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx >= 0 && ny >= 0 && nx < w && ny < h && working[ny * w + nx] && comp[ny * w + nx] < 0) {
              comp[ny * w + nx] = id;
              queue[tail++] = ny * w + nx;
            }
          }
        }
      }
      keys.add(key);
      sizes.add(tail);
    }
    Integer[] order = new Integer[sizes.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(keys::get));
    int[] labelOf = new int[order.length];
    int[] labelSizes = new int[order.length + 1];
    for (int l = 0; l < order.length; l++) {
      labelOf[order[l]] = l + 1;
      labelSizes[l + 1] = sizes.get(order[l]);
    }
    int[] labels = new int[w * h];
    for (int p = 0; p < w * h; p++) {
      labels[p] = comp[p] < 0 ? 0 : labelOf[comp[p]];
    }
    return new int[][] {labels, labelSizes};
  }

  /** SAM's remove_small_regions, literally; returns the new mask, and {changed} in changedOut[0]. */
  static boolean[] removeSmallRegions(boolean[] mask, int w, int h, int areaThresh, boolean holes, boolean[] changedOut) {
    boolean[] working = new boolean[mask.length];
    for (int p = 0; p < mask.length; p++) {
      working[p] = holes ^ mask[p];
    }
    int[][] cc = components(working, w, h);
    int[] regions = cc[0];
    int[] sizesWithBg = cc[1];
    int nLabels = sizesWithBg.length; // labels 0..L
    List<Integer> small = new ArrayList<>();
    for (int i = 1; i < nLabels; i++) {
      if (sizesWithBg[i] < areaThresh) {
        small.add(i);
      }
    }
    if (small.isEmpty()) {
      changedOut[0] = false;
      return mask.clone();
    }
    List<Integer> fill = new ArrayList<>();
    fill.add(0);
    fill.addAll(small);
    if (!holes) {
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < nLabels; i++) {
        if (!fill.contains(i)) {
          keep.add(i);
        }
      }
      fill = keep;
      if (fill.isEmpty()) {
        int best = 1;
        for (int i = 2; i < nLabels; i++) {
          if (sizesWithBg[i] > sizesWithBg[best]) {
            best = i; // np.argmax: the first maximum
          }
        }
        fill.add(best);
      }
    }
    boolean[] isFill = new boolean[nLabels];
    for (int f : fill) {
      isFill[f] = true;
    }
    boolean[] out = new boolean[mask.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = isFill[regions[p]];
    }
    changedOut[0] = true;
    return out;
  }

  /** torchvision nms on boxes computed from masks, scores as given; indices in score order. */
  static int[] boxNms(List<MaskBox> boxes, float[] scores, double thr) {
    int n = boxes.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    boolean[] sup = new boolean[n];
    List<Integer> keep = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      int i = order[a];
      if (sup[i]) {
        continue;
      }
      keep.add(i);
      for (int b = a + 1; b < n; b++) {
        int j = order[b];
        MaskBox p = boxes.get(i);
        MaskBox q = boxes.get(j);
        float areaP = (float) (p.x1() - p.x0()) * (p.y1() - p.y0());
        float areaQ = (float) (q.x1() - q.x0()) * (q.y1() - q.y0());
        float iw = Math.max(0f, Math.min(p.x1(), q.x1()) - (float) Math.max(p.x0(), q.x0()));
        float ih = Math.max(0f, Math.min(p.y1(), q.y1()) - (float) Math.max(p.y0(), q.y0()));
        float inter = iw * ih;
        float iou = inter / (areaP + areaQ - inter);
        if (iou > thr) {
          sup[j] = true;
        }
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A random mask with a few blobs, holes, specks and lines; often touching the image edges. */
  static boolean[] randomMask(SplittableRandom rnd, int w, int h) {
    boolean[] m = new boolean[w * h];
    int shapes = 1 + rnd.nextInt(4);
    for (int s = 0; s < shapes; s++) {
      boolean value = s == 0 || rnd.nextDouble() < 0.7;
      double cx = rnd.nextDouble() * w;
      double cy = rnd.nextDouble() * h;
      double rx = 0.5 + rnd.nextDouble() * w * (rnd.nextDouble() < 0.3 ? 0.6 : 0.15);
      double ry = 0.5 + rnd.nextDouble() * h * (rnd.nextDouble() < 0.3 ? 0.6 : 0.15);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double u = (x + 0.5 - cx) / rx;
          double v = (y + 0.5 - cy) / ry;
          if (u * u + v * v <= 1) {
            m[y * w + x] = value;
          }
        }
      }
    }
    int specks = rnd.nextInt(12);
    for (int s = 0; s < specks; s++) {
      int x = rnd.nextInt(w);
      int y = rnd.nextInt(h);
      int len = 1 + rnd.nextInt(6);
      boolean value = rnd.nextBoolean();
      boolean horizontal = rnd.nextBoolean();
      for (int k = 0; k < len; k++) {
        int px = horizontal ? Math.min(w - 1, x + k) : x;
        int py = horizontal ? y : Math.min(h - 1, y + k);
        m[py * w + px] = value;
      }
    }
    if (rnd.nextDouble() < 0.1) {
      int y = rnd.nextInt(h);
      for (int x = 0; x < w; x++) {
        m[y * w + x] = true; // spans the image from side to side
      }
    }
    return m;
  }
}
