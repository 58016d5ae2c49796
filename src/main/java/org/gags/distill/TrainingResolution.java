package org.gags.distill;

/**
 * The training image size and the segment-map resize, as the reference's {@code loadCam} does them
 * with {@code -r 2}: size = (round(W/2), round(H/2)) with Python's {@code round}, which rounds
 * halves to even (989 → 494, 987 → 494, 988 → 494); segment maps follow by
 * {@code F.interpolate(mode='nearest')}.
 */
public record TrainingResolution(int width, int height) {

  public TrainingResolution {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("training resolution must be positive, found " + width + "x" + height);
    }
  }

  /** Python's {@code round(size / factor)} for the reference's downscale factor (2 for {@code -r 2}). */
  public static TrainingResolution of(int originalWidth, int originalHeight, int factor) {
    if (originalWidth <= 0 || originalHeight <= 0 || factor <= 0) {
      throw new IllegalArgumentException(
          "original size and factor must be positive, found " + originalWidth + "x" + originalHeight + " / " + factor);
    }
    return new TrainingResolution(roundHalfEven(originalWidth, factor), roundHalfEven(originalHeight, factor));
  }

  /** Half the original size, the published {@code -r 2}. */
  public static TrainingResolution half(int originalWidth, int originalHeight) {
    return of(originalWidth, originalHeight, 2);
  }

  /** round(n / d) with ties to even, exact in integers (Python rounds the exact binary quotient). */
  static int roundHalfEven(int n, int d) {
    int q = n / d;
    int r2 = 2 * (n % d);
    if (r2 > d || (r2 == d && (q & 1) == 1)) {
      q++;
    }
    return Math.max(q, 0);
  }

  /**
   * torch's nearest-neighbour source index ({@code UpSample.h}, no explicit scale): identity when the
   * sizes match, {@code dst >> 1} when the output doubles the input, else
   * {@code min(floor(dst · (float) in/out), in − 1)} in float arithmetic.
   */
  static int nearestSource(int dst, int inSize, int outSize) {
    if (outSize == inSize) {
      return dst;
    }
    if (outSize == 2 * inSize) {
      return dst >> 1;
    }
    float scale = (float) inSize / outSize;
    return Math.min((int) Math.floor(dst * scale), inSize - 1);
  }

  /** A per-pixel id map (row-major, inWidth × inHeight) resized to this size by torch's nearest rule. */
  public int[] resizeNearest(int[] ids, int inWidth, int inHeight) {
    if (inWidth <= 0 || inHeight <= 0 || ids.length != inWidth * inHeight) {
      throw new IllegalArgumentException(
          "segment map must hold " + inWidth + "x" + inHeight + " = " + ((long) inWidth * inHeight) + " ids, found "
              + ids.length);
    }
    int[] sx = new int[width];
    for (int x = 0; x < width; x++) {
      sx[x] = nearestSource(x, inWidth, width);
    }
    int[] out = new int[width * height];
    for (int y = 0; y < height; y++) {
      int row = nearestSource(y, inHeight, height) * inWidth;
      for (int x = 0; x < width; x++) {
        out[y * width + x] = ids[row + sx[x]];
      }
    }
    return out;
  }

  public int pixels() {
    return width * height;
  }
}
