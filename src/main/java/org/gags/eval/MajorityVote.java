package org.gags.eval;

/**
 * The protocol's 7×7 majority vote over a binary mask (LangSplat's {@code smooth}, METHOD.md
 * section 4): pixel (i, j) becomes 1 when more than half of the window rows {@code max(0, i-3) <=
 * r < min(i+4, H-1)}, columns {@code max(0, j-3) <= c < min(j+4, W-1)} are 1; a tie gives 0 (NumPy's
 * argmax of the bin counts takes the first). The reference's quirk is kept: the last row and
 * column never enter any window. Counts come from an integral image; {@link
 * MajorityVoteReference} is the slow twin.
 */
public final class MajorityVote {
  /** Half the window side. */
  public static final int RADIUS = 3;

  private MajorityVote() {}

  /**
   * The voted mask.
   *
   * @throws IllegalArgumentException when width or height is below 2: every window would be empty
   *     (the reference fails on an empty bin count)
   */
  public static boolean[] smooth(boolean[] mask, int width, int height) {
    requireSize(mask, width, height);
    // sum[(r) * (W+1) + c]: ones in rows < r, columns < c, over rows/cols 0..H-2 / 0..W-2.
    int sw = width + 1;
    int[] sum = new int[(height + 1) * sw];
    for (int r = 0; r < height; r++) {
      int rowSum = 0;
      for (int c = 0; c < width; c++) {
        if (r < height - 1 && c < width - 1 && mask[r * width + c]) {
          rowSum++;
        }
        sum[(r + 1) * sw + c + 1] = sum[r * sw + c + 1] + rowSum;
      }
    }
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < height; i++) {
      int r0 = Math.max(0, i - RADIUS);
      int r1 = Math.min(i + RADIUS + 1, height - 1);
      for (int j = 0; j < width; j++) {
        int c0 = Math.max(0, j - RADIUS);
        int c1 = Math.min(j + RADIUS + 1, width - 1);
        int ones = sum[r1 * sw + c1] - sum[r0 * sw + c1] - sum[r1 * sw + c0] + sum[r0 * sw + c0];
        int n = (r1 - r0) * (c1 - c0);
        out[i * width + j] = 2 * ones > n;
      }
    }
    return out;
  }

  static void requireSize(boolean[] mask, int width, int height) {
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException(
          "the majority vote needs a map of at least 2x2, found " + width + "x" + height);
    }
    if ((long) width * height != mask.length) {
      throw new IllegalArgumentException(
          "mask of " + mask.length + " values is not " + width + "x" + height);
    }
  }
}
