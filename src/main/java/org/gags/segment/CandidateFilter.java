package org.gags.segment;

import java.util.Optional;

/**
 * Step 1 of the per-level filtering, one SAM candidate at a time (SAM's {@code
 * _process_batch}): keep the candidate when its predicted IoU is above {@code predIouThresh}
 * (strict) and its stability score is at least {@code stabilityThresh}, then binarise its logits
 * at {@code logit > maskThreshold}. The caller streams candidates through here and keeps only the
 * compact {@link BitMask}s of the survivors, never the float logit maps.
 *
 * <p>Precision follows SAM's float32 tensors: the logits and the predicted IoU are float32, and
 * each comparison is against the threshold rounded to float (PyTorch compares a float32 tensor
 * with a Python float in float32); the stability score is {@code (float) count / (float) count}.
 * A threshold of 0 switches its filter off, as SAM's {@code if thresh > 0.0} guards do.
 */
public final class CandidateFilter {
  private CandidateFilter() {}

  /**
   * SAM's {@code calculate_stability_score}: {@code #(logit > t + offset) / #(logit > t -
   * offset)} as float32, with {@code t + offset} and {@code t - offset} computed in double and
   * rounded to float. No logit above {@code t - offset} gives 0/0 = NaN, which no threshold
   * accepts.
   */
  public static float stabilityScore(float[] logits, double maskThreshold, double offset) {
    if (!(offset >= 0)) {
      throw new IllegalArgumentException("stability offset must be >= 0, found " + offset);
    }
    // offset >= 0 makes hi >= lo, so every logit above hi is also counted above lo.
    float hi = (float) (maskThreshold + offset);
    float lo = (float) (maskThreshold - offset);
    int intersections = 0;
    int unions = 0;
    for (float v : logits) {
      if (v > lo) {
        unions++;
        if (v > hi) {
          intersections++;
        }
      }
    }
    return (float) intersections / (float) unions;
  }

  /** Whether a predicted IoU passes: {@code iou > (float) predIouThresh}, or always when the threshold is 0. */
  public static boolean passesPredictedIou(float predictedIou, SegmentFilterConfig config) {
    return !(config.predIouThresh() > 0.0) || predictedIou > (float) config.predIouThresh();
  }

  /** Whether a stability score passes: {@code s >= (float) stabilityThresh}, or always when the threshold is 0. */
  public static boolean passesStability(float stability, SegmentFilterConfig config) {
    return !(config.stabilityThresh() > 0.0) || stability >= (float) config.stabilityThresh();
  }

  /**
   * Filters one candidate: the predicted IoU first (the logits are not read when it fails), then
   * the stability score, then binarisation.
   *
   * @param promptIndex the prompt's index, carried into the record
   * @param logits the candidate's mask logits at the image size, row-major {@code [y * width + x]}
   * @param predictedIou the decoder's IoU prediction for this candidate's level
   * @return the kept record, or empty when a filter drops it
   */
  public static Optional<MaskRecord> accept(
      int promptIndex, float[] logits, int width, int height, float predictedIou, SegmentFilterConfig config) {
    BitMask.requireSize(width, height);
    if (logits.length != width * height) {
      throw new IllegalArgumentException("mask logits of prompt " + promptIndex + " must hold " + width + "*" + height
          + " = " + (width * height) + " values (row-major), found " + logits.length);
    }
    if (!passesPredictedIou(predictedIou, config)) {
      return Optional.empty();
    }
    float stability = stabilityScore(logits, config.maskThreshold(), config.stabilityOffset());
    if (!passesStability(stability, config)) {
      return Optional.empty();
    }
    BitMask mask = BitMask.fromLogits(logits, width, height, (float) config.maskThreshold());
    return Optional.of(new MaskRecord(promptIndex, mask, predictedIou, stability));
  }
}
