package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Packed masks against plain boolean arrays: pixels, area, box, runs, AND/OR and their counts. */
@Tag("unit")
class BitMaskTest {
  @Test
  void boxIsXyxyWithInclusiveMaximaAndEmptyIsZero() {
    boolean[] p = new boolean[70 * 5];
    p[2 * 70 + 65] = true;
    p[4 * 70 + 3] = true;
    BitMask m = BitMask.fromPixels(p, 70, 5);
    assertEquals(new MaskBox(3, 2, 65, 4), m.box());
    assertEquals(2, m.area());
    assertTrue(m.get(65, 2));
    assertFalse(m.get(64, 2));
    assertEquals(MaskBox.EMPTY, BitMask.empty(7, 3).box());
    assertEquals(MaskBox.EMPTY, BitMask.fromPixels(new boolean[21], 7, 3).box());
    assertTrue(BitMask.empty(7, 3).isEmpty());
  }

  @Test
  void logitsAreBinarisedStrictly() {
    float[] logits = {-1f, 0f, Math.nextUp(0f), Float.NaN, 2f, -0f};
    BitMask m = BitMask.fromLogits(logits, 3, 2, 0f);
    assertArrayEquals(new boolean[] {false, false, true, false, true, false}, m.toPixels());
  }

  @Test
  void randomMasksAgreeWithBooleanArrays() {
    SplittableRandom rnd = new SplittableRandom(7);
    int[][] sizes = {{1, 1}, {63, 2}, {64, 3}, {65, 4}, {130, 7}, {200, 150}, {97, 61}};
    for (int[] s : sizes) {
      int w = s[0];
      int h = s[1];
      List<boolean[]> pix = new ArrayList<>();
      List<BitMask> masks = new ArrayList<>();
      for (int k = 0; k < 12; k++) {
        boolean[] p = k % 5 == 4 ? new boolean[w * h] : Naive.randomMask(rnd, w, h);
        pix.add(p);
        masks.add(BitMask.fromPixels(p, w, h));
      }
      for (int a = 0; a < pix.size(); a++) {
        BitMask m = masks.get(a);
        boolean[] p = pix.get(a);
        assertArrayEquals(p, m.toPixels());
        assertEquals(Naive.count(p), m.area());
        assertEquals(Naive.box(p, w, h), m.box());
        int[] runPixels = {0};
        int[] lastEnd = {-1};
        m.forEachRun((y, xs, xe) -> {
          assertTrue(xs < xe && xe <= w);
          for (int x = xs; x < xe; x++) {
            assertTrue(p[y * w + x]);
          }
          assertTrue(xs == 0 || !p[y * w + xs - 1], "runs are maximal");
          assertTrue(xe == w || !p[y * w + xe], "runs are maximal");
          assertTrue(y * w + xs >= lastEnd[0], "raster order");
          lastEnd[0] = y * w + xe;
          runPixels[0] += xe - xs;
        });
        assertEquals(m.area(), runPixels[0]);
        for (int b = 0; b < pix.size(); b++) {
          boolean[] q = pix.get(b);
          boolean[] and = new boolean[w * h];
          boolean[] or = new boolean[w * h];
          for (int i = 0; i < and.length; i++) {
            and[i] = p[i] && q[i];
            or[i] = p[i] || q[i];
          }
          assertEquals(Naive.count(and), m.intersectionCount(masks.get(b)));
          assertEquals(BitMask.fromPixels(and, w, h), m.and(masks.get(b)));
          assertEquals(BitMask.fromPixels(or, w, h), m.or(masks.get(b)));
        }
      }
    }
  }

  @Test
  void builderRunsCrossWordBoundaries() {
    BitMask.Builder b = new BitMask.Builder(200, 2);
    b.setRun(1, 60, 130).setRun(0, 0, 64).setRun(0, 199, 200);
    BitMask m = b.build();
    assertEquals(70 + 64 + 1, m.area());
    assertEquals(new MaskBox(0, 0, 199, 1), m.box());
    List<int[]> runs = new ArrayList<>();
    m.forEachRun((y, xs, xe) -> runs.add(new int[] {y, xs, xe}));
    assertEquals(3, runs.size());
    assertArrayEquals(new int[] {0, 0, 64}, runs.get(0));
    assertArrayEquals(new int[] {0, 199, 200}, runs.get(1));
    assertArrayEquals(new int[] {1, 60, 130}, runs.get(2));
  }

  @Test
  void equalityIsByPixelsAndErrorsNameSizes() {
    BitMask a = BitMask.fromLogits(new float[] {1, -1, 1, 1}, 2, 2, 0f);
    BitMask b = BitMask.fromPixels(new boolean[] {true, false, true, true}, 2, 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, BitMask.fromPixels(new boolean[] {true, false, true, true}, 4, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BitMask.fromLogits(new float[5], 2, 2, 0f));
    assertEquals("mask logits must hold width*height = 2*2 = 4 values (row-major), found 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.intersectionCount(BitMask.empty(4, 1)));
    assertEquals("masks must have the same size: 2x2 != 4x1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BitMask.empty(0, 3));
  }
}
