package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Step 1: predicted IoU (strict), stability score (>=, 0/0 = NaN), binarisation (strict). */
@Tag("unit")
class CandidateFilterTest {
  static final SegmentFilterConfig CFG = SegmentFilterConfig.DEFAULT;

  @Test
  void stabilityCountsStrictlyAboveThePlusAndMinusOffsets() {
    // Above +1: 2.0 and 1.0000001 (1.0 itself is not). Above -1: all but -1.0 and -3.
    float[] logits = {2f, Math.nextUp(1f), 1f, 0.5f, 0f, -0.5f, -1f, -3f};
    assertEquals(2f / 6f, CandidateFilter.stabilityScore(logits, 0.0, 1.0));
    assertEquals(1f, CandidateFilter.stabilityScore(new float[] {5f, 5f}, 0.0, 1.0));
    assertEquals(0f, CandidateFilter.stabilityScore(new float[] {0.5f, -2f}, 0.0, 1.0));
    assertTrue(Float.isNaN(CandidateFilter.stabilityScore(new float[] {-1f, -2f}, 0.0, 1.0)), "0/0");
    // The offsets are (float) (t ± offset): with t = 0.25, +1.25 and -0.75.
    assertEquals(0.25f, CandidateFilter.stabilityScore(new float[] {1.25f, 1.3f, -0.75f, -0.7f, 0f}, 0.25, 1.0));
  }

  @Test
  void predictedIouMustBeStrictlyAboveAndStabilityAtLeast() {
    assertFalse(CandidateFilter.passesPredictedIou(0.7f, CFG), "0.7f is not above (float) 0.7");
    assertTrue(CandidateFilter.passesPredictedIou(Math.nextUp(0.7f), CFG));
    assertFalse(CandidateFilter.passesPredictedIou(Float.NaN, CFG));
    assertTrue(CandidateFilter.passesStability(0.85f, CFG), "0.85f is at least (float) 0.85");
    assertFalse(CandidateFilter.passesStability(Math.nextDown(0.85f), CFG));
    assertFalse(CandidateFilter.passesStability(Float.NaN, CFG));
    // A threshold of 0 turns a filter off, as SAM's `if thresh > 0.0` guards: NaN passes then.
    SegmentFilterConfig off = new SegmentFilterConfig(0, 0, 1, 0, 0.7, 100, 0.8, 0.7, 0.5);
    assertTrue(CandidateFilter.passesPredictedIou(-0.2f, off));
    assertTrue(CandidateFilter.passesStability(Float.NaN, off));
  }

  @Test
  void acceptBinarisesAtTheMaskThreshold() {
    // 3x2 logits: six above -1, five above +1 -> stability 5/6 = 0.833 < 0.85: dropped.
    float[] unstable = {3f, 3f, 3f, 3f, 3f, 0.5f};
    assertEquals(Optional.empty(), CandidateFilter.accept(4, unstable, 3, 2, 0.95f, CFG));
    // Seven of eight above -1 are above +1 (0.875): kept; the mask is logit > 0 (0.0 itself is out).
    float[] stable = {3f, 3f, 3f, 3f, 3f, 3f, 3f, 0f};
    MaskRecord r = CandidateFilter.accept(9, stable, 4, 2, 0.75f, CFG).orElseThrow();
    assertEquals(9, r.promptIndex());
    assertEquals(0.875f, r.stability());
    assertEquals(0.75f, r.predictedIou());
    assertEquals(7, r.mask().area());
    assertEquals(new MaskBox(0, 0, 3, 1), r.box());
    assertEquals(Optional.empty(), CandidateFilter.accept(9, stable, 4, 2, 0.7f, CFG), "IoU 0.7 is not above 0.7");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CandidateFilter.accept(2, new float[7], 4, 2, 0.9f, CFG));
    assertEquals("mask logits of prompt 2 must hold 4*2 = 8 values (row-major), found 7", e.getMessage());
  }

  @Test
  void configIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SegmentFilterConfig(1.2, 0.85, 1, 0, 0.7, 100, 0.8, 0.7, 0.5));
    assertEquals("predIouThresh must be in [0, 1], found 1.2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SegmentFilterConfig(0.7, 0.85, 1, 0, 0.7, -1, 0.8, 0.7, 0.5));
    assertEquals("minRegionArea must be >= 0, found -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SegmentFilterConfig(0.7, 0.85, Double.NaN, 0, 0.7, 100, 0.8, 0.7, 0.5));
    assertEquals("stabilityOffset must be in [0, 100], found NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CFG.withMaskNms(0.8, 0.7, -0.1));
    assertEquals("maskNmsInner must be in [0, 1], found -0.1", e.getMessage());
  }
}
