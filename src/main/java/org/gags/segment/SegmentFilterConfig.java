package org.gags.segment;

/**
 * Settings of the per-level SAM mask filtering (METHOD.md section 2.4), validated here. The
 * defaults ({@link #DEFAULT}) are those LangSplat's preprocessing passes to SAM's automatic mask
 * generator and to its own {@code mask_nms}, which GAGS's code reuses. Thresholds are doubles, as
 * in the Python; each step states in which precision it compares (SAM compares float32 tensors
 * with them, so most comparisons are against the threshold rounded to float).
 *
 * @param predIouThresh keep a candidate when its predicted IoU is above this (strict; 0 turns the
 *     filter off, as SAM's {@code if pred_iou_thresh > 0})
 * @param stabilityThresh keep a candidate when its stability score is at least this (0 turns the
 *     filter off)
 * @param stabilityOffset logit offset of the stability score (SAM's {@code
 *     stability_score_offset}, 1.0)
 * @param maskThreshold logit above which a pixel is in the mask (SAM's {@code mask_threshold}, 0.0)
 * @param boxNmsThresh box IoU above which box NMS drops the lower-scored mask; used for both box
 *     NMS passes (SAM's second pass uses {@code max(box_nms_thresh, crop_nms_thresh)}, and
 *     {@code crop_nms_thresh} keeps its default 0.7)
 * @param minRegionArea holes and islands smaller than this are filled / removed; 0 skips the
 *     cleanup and its box NMS, as SAM does
 * @param maskNmsIou mask NMS: drop a mask whose IoU with any higher-scored mask is above this
 * @param maskNmsScore mask NMS: drop a mask whose score is at most this
 * @param maskNmsInner mask NMS: drop the small mask of a containing pair when its inner value is
 *     above {@code 1 - maskNmsInner}
 */
public record SegmentFilterConfig(
    double predIouThresh,
    double stabilityThresh,
    double stabilityOffset,
    double maskThreshold,
    double boxNmsThresh,
    int minRegionArea,
    double maskNmsIou,
    double maskNmsScore,
    double maskNmsInner) implements java.io.Serializable {

  /** LangSplat's / GAGS's values: 0.7, 0.85, 1.0, 0.0, 0.7, 100, 0.8, 0.7, 0.5. */
  public static final SegmentFilterConfig DEFAULT =
      new SegmentFilterConfig(0.7, 0.85, 1.0, 0.0, 0.7, 100, 0.8, 0.7, 0.5);

  public SegmentFilterConfig {
    requireUnit("predIouThresh", predIouThresh);
    requireUnit("stabilityThresh", stabilityThresh);
    if (!(stabilityOffset >= 0 && stabilityOffset <= 100)) {
      throw new IllegalArgumentException("stabilityOffset must be in [0, 100], found " + stabilityOffset);
    }
    if (!Double.isFinite(maskThreshold) || Math.abs(maskThreshold) > 1e6) {
      throw new IllegalArgumentException("maskThreshold must be finite and within ±1e6, found " + maskThreshold);
    }
    requireUnit("boxNmsThresh", boxNmsThresh);
    if (minRegionArea < 0) {
      throw new IllegalArgumentException("minRegionArea must be >= 0, found " + minRegionArea);
    }
    requireUnit("maskNmsIou", maskNmsIou);
    requireUnit("maskNmsScore", maskNmsScore);
    requireUnit("maskNmsInner", maskNmsInner);
  }

  private static void requireUnit(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], found " + value);
    }
  }

  /** This configuration with another minimum region area. */
  public SegmentFilterConfig withMinRegionArea(int area) {
    return new SegmentFilterConfig(predIouThresh, stabilityThresh, stabilityOffset, maskThreshold, boxNmsThresh,
        area, maskNmsIou, maskNmsScore, maskNmsInner);
  }

  /** This configuration with other mask-NMS thresholds. */
  public SegmentFilterConfig withMaskNms(double iou, double score, double inner) {
    return new SegmentFilterConfig(predIouThresh, stabilityThresh, stabilityOffset, maskThreshold, boxNmsThresh,
        minRegionArea, iou, score, inner);
  }
}
