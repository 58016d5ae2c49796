package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PolygonFillTest {
  private static int count(boolean[] m) {
    int n = 0;
    for (boolean b : m) {
      n += b ? 1 : 0;
    }
    return n;
  }

  @Test
  void aRectangleIncludesItsBoundary() {
    boolean[] m = new boolean[20 * 20];
    PolygonFill.fill(m, 20, 20, new int[][] {{2, 3}, {10, 3}, {10, 8}, {2, 8}});
    assertEquals(9 * 6, count(m), "columns 2..10, rows 3..8, bounds included");
  }

  @Test
  void floatPointsAreTruncatedTowardsZero() {
    assertArrayEquals(new int[][] {{3, 2}, {0, 9}, {-1, 0}},
        PolygonFill.truncate(new double[][] {{3.99, 2.5}, {-0.7, 9.0}, {-1.2, 0.3}}));
  }

  @Test
  void degeneratePolygonsDrawTheirOutline() {
    boolean[] point = new boolean[10 * 10];
    PolygonFill.fill(point, 10, 10, new int[][] {{4, 5}, {4, 5}, {4, 5}});
    assertEquals(1, count(point));
    assertTrue(point[5 * 10 + 4]);
    boolean[] line = new boolean[10 * 10];
    PolygonFill.fill(line, 10, 10, new int[][] {{1, 2}, {8, 2}, {5, 2}});
    assertEquals(8, count(line), "a horizontal polygon is its line, columns 1..8");
  }

  @Test
  void aPolygonOutsideTheImageFillsNothingAndAPartlyOutsideOneIsClipped() {
    boolean[] out = new boolean[10 * 10];
    PolygonFill.fill(out, 10, 10, new int[][] {{-9, -9}, {-2, -9}, {-5, -1}});
    assertEquals(0, count(out));
    boolean[] big = new boolean[10 * 10];
    PolygonFill.fill(big, 10, 10, new int[][] {{-5, -5}, {20, -5}, {20, 20}, {-5, 20}});
    assertEquals(100, count(big));
  }
}
