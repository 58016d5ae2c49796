package org.gags.eval;

/**
 * Slow twin of {@link MajorityVote}: counts each window's zeros and ones pixel by pixel and takes
 * the more frequent value, 0 on a tie, as the reference's {@code argmax(bincount(window))} does.
 */
public final class MajorityVoteReference {
  private MajorityVoteReference() {}

  public static boolean[] smooth(boolean[] mask, int width, int height) {
    MajorityVote.requireSize(mask, width, height);
    int s = MajorityVote.RADIUS;
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < height; i++) {
      for (int j = 0; j < width; j++) {
        int zeros = 0;
        int ones = 0;
        for (int r = Math.max(0, i - s); r < Math.min(i + s + 1, height - 1); r++) {
          for (int c = Math.max(0, j - s); c < Math.min(j + s + 1, width - 1); c++) {
            if (mask[r * width + c]) {
              ones++;
            } else {
              zeros++;
            }
          }
        }
        out[i * width + j] = ones > zeros;
      }
    }
    return out;
  }
}
