package org.gags.eval;

/**
 * Slow twin of {@link BoxFilter}: for every pixel, the 900 window values read one by one through
 * {@link BoxFilter#reflect101}, summed in double in window order, times {@link BoxFilter#WEIGHT},
 * rounded to float32. Written to be checked by eye, not to be fast.
 */
public final class BoxFilterReference {
  private BoxFilterReference() {}

  public static float[] box30(float[] v, int width, int height) {
    BoxFilter.requireSize(v, width, height);
    float[] out = new float[v.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double sum = 0;
        for (int wy = y - BoxFilter.ANCHOR; wy < y - BoxFilter.ANCHOR + BoxFilter.SIZE; wy++) {
          for (int wx = x - BoxFilter.ANCHOR; wx < x - BoxFilter.ANCHOR + BoxFilter.SIZE; wx++) {
            int r = BoxFilter.reflect101(wy, height);
            int c = BoxFilter.reflect101(wx, width);
            sum += v[r * width + c];
          }
        }
        out[y * width + x] = (float) (sum * BoxFilter.WEIGHT);
      }
    }
    return out;
  }
}
