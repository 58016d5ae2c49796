package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RegionMapTest {

  private static double[] weights(int n, double s, double m, double l) {
    double[] w = new double[3 * n];
    for (int p = 0; p < n; p++) {
      w[3 * p] = s;
      w[3 * p + 1] = m;
      w[3 * p + 2] = l;
    }
    return w;
  }

  @Test
  void boxMeanDecidesTheLevelNotThePixel() {
    // 5x1 row: one pixel prefers l, but its 5x5 neighbourhood prefers s.
    double[] w = weights(5, 0.6, 0.1, 0.3);
    w[3 * 2] = 0.4;
    w[3 * 2 + 1] = 0.1;
    w[3 * 2 + 2] = 0.5;
    assertArrayEquals(new int[] {0, 0, 0, 0, 0}, RegionMap.dominantLevel(w, 5, 1));
  }

  @Test
  void zeroPaddingCountsAtTheBorder() {
    // Left two columns favour m, the rest favour l by more; at x=0 the window holds only the m
    // columns and one l column (the zero padding adds nothing), at x=4 only l columns.
    double[] w = new double[3 * 6];
    for (int x = 0; x < 6; x++) {
      w[3 * x + (x < 2 ? 1 : 2)] = x < 2 ? 0.7 : 0.9;
    }
    assertArrayEquals(new int[] {1, 2, 2, 2, 2, 2}, RegionMap.dominantLevel(w, 6, 1));
  }

  @Test
  void tiesGoToTheFirstLevelAsArgmax() {
    assertArrayEquals(new int[] {0, 0, 0}, RegionMap.dominantLevel(weights(3, 1.0 / 3, 1.0 / 3, 1.0 / 3), 3, 1));
    assertArrayEquals(new int[] {1, 1}, RegionMap.dominantLevel(weights(2, 0.2, 0.4, 0.4), 2, 1));
  }

  @Test
  void regionsAreLevelOffsetIdsWithoutTheUncovered() {
    int[][] seg = {{0, 0, 1, -1}, {0, 1, 1, 1}, {0, 0, 0, 0}};
    // Level m everywhere: m ids 0,1,1,1 offset by K_s = 2.
    RegionMap r = RegionMap.of(weights(4, 0.1, 0.8, 0.1), 4, 1, seg, new int[] {0, 2, 4});
    assertArrayEquals(new int[] {2, 3}, r.regionIds());
    assertArrayEquals(new int[] {1, 3}, r.counts());
    assertArrayEquals(new int[] {0, 1, 1, 1}, r.regionOfPixel());
    // Level s: the -1 pixel belongs to no region; s id 0 and m id 0 stay distinct regions.
    RegionMap s = RegionMap.of(weights(4, 0.8, 0.1, 0.1), 4, 1, seg, new int[] {0, 2, 4});
    assertArrayEquals(new int[] {0, 1}, s.regionIds());
    assertArrayEquals(new int[] {0, 0, 1, -1}, s.regionOfPixel());
    assertEquals(2, s.regions());
    assertEquals(0, RegionMap.fromIds(new int[] {-1, -1}).regions());
  }
}
