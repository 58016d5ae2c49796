package org.gags.eval;

/** Intersection over union of two masks of the same size. */
public final class Iou {
  private Iou() {}

  /**
   * {@code |a ∧ b| / |a ∨ b|}; NaN when both masks are empty (the reference's 0/0), which only
   * happens when a category's polygons lie wholly outside the image and the prediction is empty.
   */
  public static double of(boolean[] a, boolean[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " pixels");
    }
    long inter = 0;
    long union = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] && b[i]) {
        inter++;
      }
      if (a[i] || b[i]) {
        union++;
      }
    }
    return (double) inter / union;
  }
}
