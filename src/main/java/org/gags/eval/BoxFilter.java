package org.gags.eval;

/**
 * The protocol's 30×30 mean filter ("box30"), as OpenCV computes {@code cv2.filter2D(v, -1,
 * np.ones((30, 30)) / 900)} on a float32 map (METHOD.md section 4).
 *
 * <p>What OpenCV 4.x does: a 900-tap kernel is over its DFT threshold (130 taps with SSE3, else
 * 50), so {@code filter2D} runs {@code crossCorr}, which converts the float64 kernel to float32
 * ({@code 1/900} becomes {@link #WEIGHT}), correlates blocks by DFT in float64 and rounds to
 * float32. The window at x covers x-15 .. x+14 (default anchor 15 of an even kernel), likewise in
 * y, with the reflect-101 border ({@code gfedcb|abcdefgh|gfedcba}).
 *
 * <p>This class sums each window in double (exact for the float32 values of relevancy maps, whose
 * sums need fewer than 53 bits), multiplies by {@link #WEIGHT} and rounds to float32. Measured
 * against OpenCV 4.6 (fixtures in {@code src/test/fixtures}): bit-identical on continuous maps;
 * on maps with few distinct values (binary masks, a hot pixel) OpenCV's float64 DFT noise (about
 * 1e-17) shows where the exact value is 0 (OpenCV gives ±1e-17) or exactly halfway between two
 * float32 values (OpenCV rounds either way): at most 1 float32 ulp or 1e-16 apart. {@link
 * BoxFilterReference} is the slow twin.
 */
public final class BoxFilter {
  /** Kernel side. */
  public static final int SIZE = 30;

  /** Window start relative to the pixel: OpenCV's default anchor of an even kernel is 15. */
  public static final int ANCHOR = SIZE / 2;

  /** The kernel weight as OpenCV uses it: {@code 1/900} rounded to float32, then widened. */
  public static final double WEIGHT = (float) (1.0 / (SIZE * SIZE));

  private BoxFilter() {}

  /**
   * box30 of a row-major {@code width × height} map: separable window sums in double (columns,
   * then rows), times {@link #WEIGHT}, rounded to float32.
   */
  public static float[] box30(float[] v, int width, int height) {
    requireSize(v, width, height);
    int[] rowIndex = borderIndex(height);
    int[] colIndex = borderIndex(width);
    // Vertical sums: colSum[y][x] = sum over the window rows of v[row][x].
    double[] colSum = new double[width * height];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      for (int k = 0; k < SIZE; k++) {
        int src = rowIndex[y + k] * width;
        for (int x = 0; x < width; x++) {
          colSum[base + x] += v[src + x];
        }
      }
    }
    float[] out = new float[width * height];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      for (int x = 0; x < width; x++) {
        double s = 0;
        for (int k = 0; k < SIZE; k++) {
          s += colSum[base + colIndex[x + k]];
        }
        out[base + x] = (float) (s * WEIGHT);
      }
    }
    return out;
  }

  /**
   * Source index of every window position: entry {@code p + k} is the pixel that window offset
   * {@code k} of pixel {@code p} reads, {@code p - ANCHOR + k} reflected into range.
   */
  private static int[] borderIndex(int n) {
    int[] index = new int[n + SIZE - 1];
    for (int i = 0; i < index.length; i++) {
      index[i] = reflect101(i - ANCHOR, n);
    }
    return index;
  }

  /**
   * OpenCV's {@code borderInterpolate(p, n, BORDER_REFLECT_101)}: {@code p} reflected about the
   * first and last pixel (not repeating them) until it lies in {@code 0 .. n-1}; 0 when n is 1.
   */
  public static int reflect101(int p, int n) {
    if (n == 1) {
      return 0;
    }
    while (p < 0 || p >= n) {
      p = p < 0 ? -p : 2 * (n - 1) - p;
    }
    return p;
  }

  static void requireSize(float[] v, int width, int height) {
    if (width < 1 || height < 1 || (long) width * height != v.length) {
      throw new IllegalArgumentException(
          "map of " + v.length + " values is not " + width + "x" + height);
    }
  }
}
