package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** LangSplat's mask NMS: hand cases for each rule and fallback, and the fast version equal to the reference twin. */
@Tag("unit")
class MaskNmsTest {
  static final SegmentFilterConfig CFG = SegmentFilterConfig.DEFAULT;
  static final int W = 30;
  static final int H = 20;

  static MaskRecord rec(int index, BitMask m, float iou, float stability) {
    return new MaskRecord(index, m, iou, stability);
  }

  /** Runs both versions, checks they agree (1 and 2 threads), returns the kept indices. */
  static int[] both(List<MaskRecord> records, SegmentFilterConfig config) {
    int[] reference = MaskNmsReference.select(records, config);
    assertArrayEquals(reference, MaskNms.select(records, config, 1).kept(), "fast (1 thread) != reference");
    assertArrayEquals(reference, MaskNms.select(records, config, 2).kept(), "fast (2 threads) != reference");
    return reference;
  }

  @Test
  void aHighIouWithAHigherScoredMaskDrops() {
    BitMask a = Art.rect(W, H, 0, 0, 9, 9);
    BitMask b = Art.rect(W, H, 0, 0, 9, 8); // IoU 0.9
    BitMask c = Art.rect(W, H, 0, 0, 9, 7); // IoU 0.8 with a: not above
    assertArrayEquals(new int[] {1}, both(List.of(rec(0, b, 0.9f, 0.9f), rec(1, a, 0.95f, 0.95f)), CFG));
    assertArrayEquals(new int[] {0, 1}, both(List.of(rec(0, a, 0.95f, 0.95f), rec(1, c, 0.9f, 0.9f)), CFG));
  }

  @Test
  void aMaskDroppedItselfStillDropsTheMasksItOverlaps() {
    BitMask big = Art.rect(W, H, 0, 0, 19, 19); // 400 px
    BitMask inner = Art.rect(W, H, 10, 5, 19, 14); // 100 px inside big: dropped by rule (c)
    BitMask wider = Art.rect(W, H, 10, 5, 21, 14); // 120 px: IoU 0.833 with inner, 17% outside big
    List<MaskRecord> in = List.of(rec(0, wider, 0.85f, 0.9f), rec(1, big, 0.95f, 0.95f), rec(2, inner, 0.9f, 0.9f));
    // A greedy NMS would keep `wider` once `inner` is gone; the reference drops it anyway.
    assertArrayEquals(new int[] {1}, both(in, CFG));
  }

  @Test
  void containmentDropsTheSmallMaskInEitherScoreOrder() {
    BitMask big = Art.rect(W, H, 0, 0, 19, 19);
    BitMask small = Art.rect(W, H, 10, 5, 19, 14); // inter/small = 1, inter/big = 0.25: inner value 0.75
    assertArrayEquals(new int[] {0}, both(List.of(rec(0, big, 0.95f, 0.95f), rec(1, small, 0.9f, 0.9f)), CFG));
    assertArrayEquals(new int[] {0}, both(List.of(rec(0, big, 0.9f, 0.9f), rec(1, small, 0.95f, 0.95f)), CFG));
    // With inner_thr 0.2 the limit is 0.8: 0.75 is not above it, both stay.
    SegmentFilterConfig lax = CFG.withMaskNms(0.8, 0.7, 0.2);
    assertArrayEquals(new int[] {0, 1}, both(List.of(rec(0, big, 0.9f, 0.9f), rec(1, small, 0.95f, 0.95f)), lax));
    // 85% inside and the big one at most twice as large: no containment relation.
    BitMask half = Art.rect(W, H, 0, 0, 19, 9); // 200 px, inter with big 200/400 = 0.5: not below 0.5
    assertArrayEquals(new int[] {0, 1}, both(List.of(rec(0, big, 0.95f, 0.95f), rec(1, half, 0.9f, 0.9f)), CFG));
  }

  @Test
  void scoresAtMostTheThresholdDropInDouble() {
    BitMask a = Art.rect(W, H, 0, 0, 4, 4);
    BitMask b = Art.rect(W, H, 10, 0, 14, 4);
    BitMask c = Art.rect(W, H, 20, 0, 24, 4);
    BitMask d = Art.rect(W, H, 0, 10, 4, 14);
    // 1 x 0.7f = 0.69999999 <= 0.7: dropped; 1 x nextUp(0.7f) is above; 0.875 x 0.8f = 0.70000001 too.
    List<MaskRecord> in = List.of(rec(0, a, 0.7f, 1f), rec(1, b, Math.nextUp(0.7f), 1f), rec(2, c, 0.8f, 0.875f),
        rec(3, d, 0.95f, 0.95f));
    assertArrayEquals(new int[] {1, 2, 3}, both(in, CFG));
  }

  @Test
  void whenNoScorePassesTheTopThreeDo() {
    List<MaskRecord> in = new ArrayList<>();
    float[] ious = {0.66f, 0.69f, 0.65f, 0.68f, 0.67f};
    for (int i = 0; i < ious.length; i++) {
      in.add(rec(i, Art.rect(W, H, 6 * i, 0, 6 * i + 4, 4), ious[i], 1f));
    }
    assertArrayEquals(new int[] {1, 3, 4}, both(in, CFG));
    assertArrayEquals(new int[] {0, 1}, both(in.subList(0, 2), CFG), "fewer than 3: all of them");
    // Ties keep input order: the first three.
    List<MaskRecord> tied = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tied.add(rec(i, Art.rect(W, H, 6 * i, 0, 6 * i + 4, 4), 0.6f, 1f));
    }
    assertArrayEquals(new int[] {0, 1, 2}, both(tied, CFG));
    // The fallback only lifts the score rule: a top-3 mask that overlaps a better one still goes.
    List<MaskRecord> overlapping = new ArrayList<>(in);
    overlapping.set(3, rec(3, Art.rect(W, H, 6, 0, 10, 4), 0.68f, 1f)); // same pixels as mask 1
    assertArrayEquals(new int[] {1, 4}, both(overlapping, CFG));
  }

  @Test
  void innerFallbacksLetTheTopThreePassWhenNoMaskDoes() {
    // Unreachable from masks (the largest mask never gets an inner value); checked on the vectors.
    double[] scores = {0.9, 0.85, 0.8, 0.75};
    float[] zeros = new float[4];
    float[] all = {0.9f, 0.9f, 0.9f, 0.9f};
    boolean[] keep = MaskNms.decide(scores, zeros, all, zeros, CFG);
    assertArrayEquals(new boolean[] {true, true, true, false}, keep);
    keep = MaskNms.decide(scores, zeros, zeros, all, CFG);
    assertArrayEquals(new boolean[] {true, true, true, false}, keep);
    keep = MaskNms.decide(scores, zeros, new float[] {0, 0.9f, 0, 0}, zeros, CFG);
    assertArrayEquals(new boolean[] {true, false, true, true}, keep);
  }

  @Test
  void twoEmptyMasksDropTheLaterOne() {
    BitMask e = BitMask.empty(W, H);
    BitMask a = Art.rect(W, H, 0, 0, 4, 4);
    List<MaskRecord> in = List.of(rec(0, e, 0.9f, 0.9f), rec(1, a, 0.95f, 0.95f), rec(2, e, 0.8f, 0.9f));
    assertArrayEquals(new int[] {0, 1}, both(in, CFG));
    assertArrayEquals(new int[0], both(List.of(), CFG));
  }

  @Test
  void theIntersectionBoundNeverSkipsAPairThatCouldTripARule() {
    // Exhaustive over small counts: when a pair is skipped, no intersection up to the bound gives
    // an IoU above the threshold or a 0.85 ratio, in the float arithmetic the rules use.
    for (float thr : new float[] {0.8f, 0.5f, 0.7f, 0f, 1f}) {
      for (int ai = 1; ai <= 48; ai++) {
        for (int aj = 1; aj <= 48; aj++) {
          for (int shared = 0; shared <= 50; shared++) {
            if (!MaskNms.cannotMatter(ai, aj, shared, thr)) {
              continue;
            }
            for (int inter = 0; inter <= Math.min(Math.min(ai, aj), shared); inter++) {
              float f = inter;
              assertTrue(f / (float) (ai + aj - inter) <= thr && f / (float) ai < 0.85f && f / (float) aj < 0.85f,
                  "areas " + ai + ", " + aj + ", shared " + shared + ", intersection " + inter + ", threshold " + thr);
            }
          }
        }
      }
    }
  }

  @Test
  void fastEqualsReferenceOnRandomMaskSets() {
    int[][] sizes = {{64, 48}, {97, 61}, {130, 100}, {200, 150}};
    int[] counts = {0, 1, 2, 3, 7, 20, 45, 80};
    SegmentFilterConfig[] configs = {
        CFG, CFG.withMaskNms(0.8, 0.7, 0.2), CFG.withMaskNms(0.5, 0.9, 0.5), CFG.withMaskNms(0.8, 0.99, 0.5)};
    long[] totals = new long[3]; // pairs, skipped, skipped by the bound
    int sets = 0;
    for (int round = 0; round < 3; round++) {
      for (int s = 0; s < sizes.length; s++) {
        for (int c = 0; c < counts.length; c++) {
          int w = sizes[s][0];
          int h = sizes[s][1];
          int n = counts[c];
          if (n == 80 && w * h > 20_000 && (s + round) % 2 == 1) {
            continue; // keeps the reference's pixel loops to a few seconds
          }
          long seed = 100_000L * round + 1000L * s + c;
          for (List<MaskRecord> set : List.of(SyntheticMasks.samLike(seed, n, w, h), SyntheticMasks.shapes(seed, n, w, h))) {
            SegmentFilterConfig config = configs[sets++ % configs.length];
            checkAgainstReference(set, config, w + "x" + h + ", " + n + " masks, seed " + seed, totals);
          }
        }
      }
    }
    assertTrue(totals[1] > 0 && totals[1] < totals[0], "the box tests skipped " + totals[1] + " of " + totals[0] + " pairs");
    assertTrue(totals[2] > 0, "the intersection bound skipped no pair");
  }

  static void checkAgainstReference(List<MaskRecord> set, SegmentFilterConfig config, String what, long[] totals) {
    int[] reference = MaskNmsReference.select(set, config);
    for (int threads : new int[] {1, 2}) {
      MaskNms.Result fast = MaskNms.select(set, config, threads);
      assertArrayEquals(reference, fast.kept(), what + ", " + threads + " threads");
      assertEquals(fast.pairs(), fast.pairsDisjoint() + fast.pairsBounded() + fast.pairsCounted());
      if (threads == 1) {
        totals[0] += fast.pairs();
        totals[1] += fast.pairsDisjoint() + fast.pairsBounded();
        totals[2] += fast.pairsBounded();
      }
    }
  }
}
