package org.gags.segment;

import java.util.Arrays;
import java.util.List;
import org.gags.util.Parallel;

/**
 * Step 4 of the per-level filtering: LangSplat's {@code mask_nms} (preprocess.py, called with
 * {@code iou_thr=0.8, score_thr=0.7, inner_thr=0.5} and reused unchanged by GAGS), decided for all
 * masks at once, not greedily (METHOD.md section 2.4). Masks are sorted by score {@code stability ×
 * predicted IoU}, descending; a mask is dropped when
 *
 * <ol type="a">
 *   <li>its IoU with <em>any</em> higher-scored mask is above {@code maskNmsIou}, even one that is
 *       itself dropped;
 *   <li>its score is at most {@code maskNmsScore};
 *   <li>it is the small mask of a containing pair: for sorted positions {@code i < j} with
 *       {@code ri = inter/area_i} and {@code rj = inter/area_j}, when {@code ri < 0.5} and {@code
 *       rj >= 0.85} the value {@code 1 - rj·ri} applies to {@code j}, when {@code ri >= 0.85} and
 *       {@code rj < 0.5} it applies to {@code i}; a mask is dropped when a value applied to it is
 *       above {@code 1 - maskNmsInner}. The constants 0.5 and 0.85 are fixed in the reference.
 * </ol>
 *
 * The kept masks keep their input order (the reference's {@code filter} walks the original list).
 *
 * <p><b>Fallbacks.</b> The reference keeps three boolean vectors besides (a): scores, "inner
 * upper" (values from pairs with {@code i < j}, column {@code j}: {@code triu(diagonal=1)}) and
 * "inner lower" ({@code tril(diagonal=1)}, which keeps the first superdiagonal too, so the value
 * of pair {@code (j-1, j)} counts in both). When one of them passes no mask, the top 3 by score
 * pass it. As written the reference cannot run that branch: {@code keep_conf[index, 0] = True}
 * indexes a 1-D tensor with two indices (IndexError), and {@code topk(3)} fails below 3 masks. We
 * implement the evident intent: the first {@code min(3, n)} positions of the stable score order
 * pass. The score fallback happens when every score is at most the threshold; the two inner
 * fallbacks cannot happen with at least one non-empty mask (a value can only apply to a mask at
 * most 0.5/0.85 times the other's area, so the largest mask never gets one), and are kept for
 * fidelity.
 *
 * <p><b>Precision</b> (both this class and {@link MaskNmsReference}): areas, intersections and
 * unions are exact integer counts converted to float (torch sums them with {@code
 * dtype=torch.float}, exact below 2^24 pixels); IoU and ratios are float divisions, {@code 1 -
 * rj·ri} is float; they are compared with the thresholds rounded to float ({@code
 * (float) maskNmsIou}, {@code (float) (1 - maskNmsInner)}, {@code 0.5f}, {@code 0.85f}), as torch
 * compares float32 tensors with Python floats. Scores are double ({@link MaskRecord#maskNmsScore})
 * and compared with {@code maskNmsScore} in double. The sort is stable (ties keep input order;
 * torch's default sort does not promise an order for ties). Two empty masks have IoU 0/0 = NaN,
 * which {@code torch.max} propagates, so the later one is dropped by (a).
 *
 * <p><b>Speed.</b> Pairs whose boxes share no pixel have no intersection, hence IoU 0 and no
 * inner value, and are skipped. So are pairs whose largest possible intersection (the smaller
 * area, or the pixels common to both boxes if fewer) could neither make the IoU exceed the
 * threshold nor reach a 0.85 ratio ({@link #cannotMatter}). The others are counted with {@link
 * BitMask#intersectionCount} (AND and bit count over the overlap rows and words) on {@code
 * threads} threads; the decisions are then made single-threaded in a fixed order, so the result
 * does not depend on the thread count.
 */
public final class MaskNms {
  private MaskNms() {}

  /**
   * The kept masks and how much work the box tests saved.
   *
   * @param kept indices into the input list, ascending
   * @param pairs all pairs {@code n(n-1)/2}
   * @param pairsDisjoint pairs with disjoint boxes (or an empty mask): no intersection
   * @param pairsBounded pairs whose intersection bound rules out every rule: not counted
   * @param pairsCounted pairs whose intersection was counted
   */
  public record Result(int[] kept, long pairs, long pairsDisjoint, long pairsBounded, long pairsCounted) {}

  /** The mask NMS of {@code records} with {@code config}'s thresholds, on {@code threads} threads (0 = all cores). */
  public static Result select(List<MaskRecord> records, SegmentFilterConfig config, int threads) {
    int n = records.size();
    if (n == 0) {
      return new Result(new int[0], 0, 0, 0, 0);
    }
    double[] unsorted = new double[n];
    for (int i = 0; i < n; i++) {
      unsorted[i] = records.get(i).maskNmsScore();
    }
    int[] idx = ScoreOrder.descending(unsorted);
    BitMask[] masks = new BitMask[n];
    double[] scores = new double[n];
    int[] area = new int[n];
    for (int k = 0; k < n; k++) {
      masks[k] = records.get(idx[k]).mask();
      scores[k] = unsorted[idx[k]];
      area[k] = masks[k].area();
    }
    int width = masks[0].width();
    int height = masks[0].height();
    for (BitMask m : masks) {
      if (m.width() != width || m.height() != height) {
        throw new IllegalArgumentException(
            "mask NMS needs masks of one size: " + width + "x" + height + " != " + m.width() + "x" + m.height());
      }
    }

    // Phase 1 (parallel): intersections of the pairs whose boxes share a pixel and whose bound
    // leaves a rule possible.
    int[][] partners = new int[n][];
    int[][] inters = new int[n][];
    long[] counted = new long[n];
    long[] bounded = new long[n];
    float iouThr = (float) config.maskNmsIou();
    Parallel.forEach(n, threads, i -> {
      int[] js = new int[8];
      int[] is = new int[8];
      int c = 0;
      long tried = 0;
      long bound = 0;
      if (area[i] > 0) {
        MaskBox bi = masks[i].box();
        for (int j = i + 1; j < n; j++) {
          if (area[j] == 0 || !bi.sharesPixels(masks[j].box())) {
            continue;
          }
          if (cannotMatter(area[i], area[j], bi.sharedPixelCount(masks[j].box()), iouThr)) {
            bound++;
            continue;
          }
          tried++;
          int inter = masks[i].intersectionCount(masks[j]);
          if (inter == 0) {
            continue; // IoU 0 and no inner value: changes no maximum
          }
          if (c == js.length) {
            js = Arrays.copyOf(js, c * 2);
            is = Arrays.copyOf(is, c * 2);
          }
          js[c] = j;
          is[c] = inter;
          c++;
        }
      }
      partners[i] = Arrays.copyOf(js, c);
      inters[i] = Arrays.copyOf(is, c);
      counted[i] = tried;
      bounded[i] = bound;
    });

    // Phase 2 (sequential): the reference's matrix reductions, one pair at a time.
    float[] iouMax = new float[n];
    float[] innerU = new float[n];
    float[] innerL = new float[n];
    int firstEmpty = -1;
    for (int k = 0; k < n; k++) {
      if (area[k] == 0) {
        if (firstEmpty >= 0) {
          iouMax[k] = Float.NaN; // 0/0 with the earlier empty mask
        } else {
          firstEmpty = k;
        }
      }
    }
    long pairsCounted = 0;
    long pairsBounded = 0;
    for (int i = 0; i < n; i++) {
      pairsCounted += counted[i];
      pairsBounded += bounded[i];
      float areaI = area[i];
      for (int t = 0; t < partners[i].length; t++) {
        int j = partners[i][t];
        int inter = inters[i][t];
        float intersection = inter;
        float areaJ = area[j];
        float iou = intersection / (float) (area[i] + area[j] - inter);
        iouMax[j] = Math.max(iouMax[j], iou);
        float ri = intersection / areaI;
        float rj = intersection / areaJ;
        if (ri < 0.5f && rj >= 0.85f) {
          float v = 1f - rj * ri;
          innerU[j] = Math.max(innerU[j], v);
          if (j == i + 1) {
            innerL[j] = Math.max(innerL[j], v); // tril(diagonal=1) keeps the first superdiagonal
          }
        }
        if (ri >= 0.85f && rj < 0.5f) {
          innerL[i] = Math.max(innerL[i], 1f - rj * ri);
        }
      }
    }

    boolean[] keepSorted = decide(scores, iouMax, innerU, innerL, config);
    boolean[] keep = new boolean[n];
    int count = 0;
    for (int k = 0; k < n; k++) {
      if (keepSorted[k]) {
        keep[idx[k]] = true;
        count++;
      }
    }
    int[] kept = new int[count];
    for (int i = 0, c = 0; i < n; i++) {
      if (keep[i]) {
        kept[c++] = i;
      }
    }
    long pairs = (long) n * (n - 1) / 2;
    return new Result(kept, pairs, pairs - pairsBounded - pairsCounted, pairsBounded, pairsCounted);
  }

  /** {@link #select} applied: the kept records, in input order. */
  public static List<MaskRecord> filter(List<MaskRecord> records, SegmentFilterConfig config, int threads) {
    return Arrays.stream(select(records, config, threads).kept()).mapToObj(records::get).toList();
  }

  /**
   * Whether a pair of non-empty masks can be skipped without counting its intersection: true when
   * even the largest intersection it could have, {@code bound = min(area_i, area_j, pixels common
   * to the boxes)}, gives an IoU not above the threshold and neither ratio {@code bound / area} at
   * 0.85 or more. Float division of exact counts is monotone, so the real intersection, which is
   * at most {@code bound}, gives values no larger: the pair can set no maximum that matters and no
   * inner value. (A skipped pair may lower a column's IoU maximum, but only below the threshold.)
   */
  static boolean cannotMatter(int areaI, int areaJ, long sharedPixels, float iouThr) {
    int bound = (int) Math.min(Math.min(areaI, areaJ), sharedPixels);
    float b = bound;
    float iouBound = b / (float) (areaI + areaJ - bound);
    return iouBound <= iouThr && b / (float) areaI < 0.85f && b / (float) areaJ < 0.85f;
  }

  /**
   * The thresholds and fallbacks, on per-position values in score order: {@code iouMax} (rule a),
   * {@code scores} (b), {@code innerU} and {@code innerL} (c). Returns which positions are kept.
   */
  static boolean[] decide(double[] scores, float[] iouMax, float[] innerU, float[] innerL, SegmentFilterConfig config) {
    int n = scores.length;
    float iouThr = (float) config.maskNmsIou();
    float innerLimit = (float) (1 - config.maskNmsInner());
    boolean[] keepConf = new boolean[n];
    boolean[] keepInnerU = new boolean[n];
    boolean[] keepInnerL = new boolean[n];
    for (int k = 0; k < n; k++) {
      keepConf[k] = scores[k] > config.maskNmsScore();
      keepInnerU[k] = innerU[k] <= innerLimit;
      keepInnerL[k] = innerL[k] <= innerLimit;
    }
    topThreeIfNone(keepConf);
    topThreeIfNone(keepInnerU);
    topThreeIfNone(keepInnerL);
    boolean[] keep = new boolean[n];
    for (int k = 0; k < n; k++) {
      keep[k] = iouMax[k] <= iouThr && keepConf[k] && keepInnerU[k] && keepInnerL[k];
    }
    return keep;
  }

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
