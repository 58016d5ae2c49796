package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BoxFilterTest {
  private static final float K = (float) (1.0 / 900);

  @Test
  void fastPathEqualsItsTwinBitForBit() {
    Random rnd = new Random(7);
    int[][] sizes = {{1, 1}, {1, 5}, {5, 1}, {2, 2}, {10, 8}, {16, 16}, {37, 29}, {64, 48}, {31, 47}};
    for (int[] s : sizes) {
      float[] v = new float[s[0] * s[1]];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextInt(4) == 0 ? 1f : rnd.nextFloat();
      }
      assertArrayEquals(BoxFilterReference.box30(v, s[0], s[1]), BoxFilter.box30(v, s[0], s[1]),
          s[0] + "x" + s[1]);
    }
  }

  @Test
  void windowAtXCoversXMinus15ToXPlus14() {
    int w = 60;
    int h = 60;
    float[] v = new float[w * h];
    v[30 * w + 30] = 1;
    float[] a = BoxFilter.box30(v, w, h);
    for (int x = 0; x < w; x++) {
      boolean covered = x - 15 <= 30 && 30 <= x + 14;
      assertEquals(covered ? K : 0f, a[30 * w + x], "x=" + x);
      assertEquals(covered ? K : 0f, a[x * w + 30], "y=" + x);
    }
  }

  @Test
  void borderIsReflect101() {
    // gfedcb|abcdefgh|gfedcba: the edge pixel is not repeated, its neighbour is.
    assertEquals(1, BoxFilter.reflect101(-1, 8));
    assertEquals(6, BoxFilter.reflect101(8, 8));
    assertEquals(3, BoxFilter.reflect101(-15, 10));
    assertEquals(0, BoxFilter.reflect101(-3, 1));
    int w = 40;
    float[] corner = new float[w * w];
    corner[0] = 1;
    assertEquals(K, BoxFilter.box30(corner, w, w)[0], "a corner pixel counts once at the corner");
    float[] next = new float[w * w];
    next[1] = 1;
    float[] a = BoxFilter.box30(next, w, w);
    assertEquals((float) (2 * (double) K), a[0], "column 1 enters the window at x=0 twice (1 and -1)");
  }

  @Test
  void constantMapStaysConstant() {
    float[] v = new float[37 * 29];
    java.util.Arrays.fill(v, 0.7f);
    float expected = (float) (900 * (double) 0.7f * K);
    for (float a : BoxFilter.box30(v, 37, 29)) {
      assertEquals(expected, a);
    }
  }
}
