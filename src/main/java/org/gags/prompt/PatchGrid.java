package org.gags.prompt;

/**
 * The reference's split of an image into n×n patches, with its geometry reproduced exactly: patch
 * column origins are {@code numpy.linspace(0, W-1, n+1)[:-1].astype(int32)}, that is
 * trunc(k·((W−1)/n)) computed as NumPy does (step first, then k·step); every patch is W/n
 * (integer division) wide, cut at the image edge; rows likewise. So patches may overlap by a pixel
 * or leave a pixel out, exactly as in the reference.
 *
 * <p>Patch order is the reference's {@code itertools.product(crop_x0, crop_y0)}: x outer, y
 * inner, so patch k has column origin {@code columnOrigins[k / n]} and row origin {@code
 * rowOrigins[k % n]}. The random draws follow this order.
 */
public record PatchGrid(int width, int height, int perSide, int[] columnOrigins, int[] rowOrigins, int patchWidth, int patchHeight) {

  /** One patch: its top-left pixel and its size (already cut at the image edge). */
  public record Patch(int x0, int y0, int width, int height) {}

  /** The grid of {@code perSide}×{@code perSide} patches over a width×height image. */
  public static PatchGrid of(int width, int height, int perSide) {
    if (perSide < 1) {
      throw new IllegalArgumentException("patches per side must be >= 1, found " + perSide);
    }
    if (width < perSide || height < perSide) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " image is too small for " + perSide + "x" + perSide + " patches (each needs a pixel)");
    }
    return new PatchGrid(width, height, perSide, origins(width, perSide), origins(height, perSide), width / perSide, height / perSide);
  }

  /**
   * {@code numpy.linspace(0, size-1, parts+1)[:-1].astype(int32)}: k·step truncated, with step =
   * (size−1)/parts in double, for k = 0..parts−1. Used for patches and for cells inside a patch.
   */
  public static int[] origins(int size, int parts) {
    double step = (size - 1) / (double) parts;
    int[] out = new int[parts];
    for (int k = 0; k < parts; k++) {
      out[k] = (int) (k * step);
    }
    return out;
  }

  public int count() {
    return perSide * perSide;
  }

  /** Patch {@code k} in the reference's order (x outer, y inner). */
  public Patch patch(int k) {
    if (k < 0 || k >= count()) {
      throw new IndexOutOfBoundsException("patch " + k + " of " + count());
    }
    int x0 = columnOrigins[k / perSide];
    int y0 = rowOrigins[k % perSide];
    return new Patch(x0, y0, Math.min(x0 + patchWidth, width) - x0, Math.min(y0 + patchHeight, height) - y0);
  }
}
