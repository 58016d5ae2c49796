package org.gags.segment;

/**
 * A mask's bounding box as SAM's {@code batched_mask_to_box} returns it: XYXY with inclusive
 * maxima ({@code x1} is the largest column index that holds a mask pixel, {@code y1} the largest
 * row), and {@code (0, 0, 0, 0)} for an empty mask.
 *
 * <p>Two different notions of overlap live here on purpose. {@link #iou} is torchvision's
 * {@code box_iou} / {@code nms} arithmetic on these coordinates taken as corners, so a box's area
 * is {@code (x1 - x0) * (y1 - y0)} with no {@code +1} (a one-pixel-wide mask has box area 0);
 * that is what SAM's box NMS compares. {@link #sharesPixels} asks whether the two pixel rectangles
 * have a pixel in common, which is what decides whether two masks can intersect at all.
 *
 * @param x0 first column
 * @param y0 first row
 * @param x1 last column (inclusive)
 * @param y1 last row (inclusive)
 */
public record MaskBox(int x0, int y0, int x1, int y1) {
  /** The box SAM gives an empty mask. */
  public static final MaskBox EMPTY = new MaskBox(0, 0, 0, 0);

  public MaskBox {
    if (x0 < 0 || y0 < 0 || x1 < x0 || y1 < y0) {
      throw new IllegalArgumentException(
          "mask box must have 0 <= x0 <= x1 and 0 <= y0 <= y1, found (" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + ")");
    }
  }

  /** torchvision's box area {@code (x1 - x0) * (y1 - y0)}, as a float (exact below 2^24). */
  public float cornerArea() {
    return (float) (x1 - x0) * (float) (y1 - y0);
  }

  /** Pixels in the inclusive rectangle, {@code (x1 - x0 + 1) * (y1 - y0 + 1)}. */
  public long pixelCount() {
    return (long) (x1 - x0 + 1) * (y1 - y0 + 1);
  }

  /**
   * torchvision's IoU of two boxes, in float32 as its NMS kernels compute it:
   * {@code inter = max(0, min(x1) - max(x0)) * max(0, min(y1) - max(y0))},
   * {@code iou = inter / (area_a + area_b - inter)}. Two boxes of corner area 0 give 0/0 = NaN,
   * which compares false against any threshold (the NMS then suppresses nothing).
   */
  public float iou(MaskBox o) {
    float w = Math.max(0f, (float) Math.min(x1, o.x1) - (float) Math.max(x0, o.x0));
    float h = Math.max(0f, (float) Math.min(y1, o.y1) - (float) Math.max(y0, o.y0));
    float inter = w * h;
    return inter / (cornerArea() + o.cornerArea() - inter);
  }

  /** Whether the two inclusive pixel rectangles have at least one pixel in common. */
  public boolean sharesPixels(MaskBox o) {
    return x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1;
  }

  /** Pixels common to the two inclusive rectangles (0 when they share none). */
  public long sharedPixelCount(MaskBox o) {
    long w = (long) Math.min(x1, o.x1) - Math.max(x0, o.x0) + 1;
    long h = (long) Math.min(y1, o.y1) - Math.max(y0, o.y0) + 1;
    return w <= 0 || h <= 0 ? 0 : w * h;
  }
}
