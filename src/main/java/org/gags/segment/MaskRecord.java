package org.gags.segment;

/**
 * One SAM mask of one granularity level that passed the per-candidate filter ({@link
 * CandidateFilter}): its binary mask, the decoder's predicted IoU and the stability score, both
 * float32 as SAM computes them, and the index of the prompt that produced it (generator order).
 *
 * @param promptIndex index of the prompt in the view's prompt list
 * @param mask binary mask at the image's size
 * @param predictedIou the decoder's IoU prediction for this level
 * @param stability {@code #(logit > t + offset) / #(logit > t - offset)}, see {@link
 *     CandidateFilter#stabilityScore}
 */
public record MaskRecord(int promptIndex, BitMask mask, float predictedIou, float stability) {
  public MaskRecord {
    if (mask == null) {
      throw new IllegalArgumentException("mask record of prompt " + promptIndex + " has no mask");
    }
  }

  /** The mask's bounding box (SAM's {@code batched_mask_to_box}). */
  public MaskBox box() {
    return mask.box();
  }

  /**
   * The LangSplat mask-NMS score {@code stability × predicted IoU}. SAM hands both to LangSplat as
   * Python floats ({@code .item()} of float32 values), so the product is taken in double; it is
   * exact (two 24-bit significands).
   */
  public double maskNmsScore() {
    return (double) stability * (double) predictedIou;
  }

  /** This record with another mask (after small-region cleanup); scores are kept, as SAM keeps them. */
  public MaskRecord withMask(BitMask newMask) {
    return new MaskRecord(promptIndex, newMask, predictedIou, stability);
  }
}
