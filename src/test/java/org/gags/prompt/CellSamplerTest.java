package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Cell weights, weighted draws and point placement inside a patch, as the reference's sample_based_mapping. */
@Tag("unit")
class CellSamplerTest {
  static final int IMAGE_W = 20;
  static final int IMAGE_H = 16;
  /** A 12×12 patch at (5, 3); with 4 cells per side its cell origins are 0, 2, 5, 8 and cells are 12/4 = 3 wide. */
  static final PatchGrid.Patch PATCH = new PatchGrid.Patch(5, 3, 12, 12);

  static float[] minDepthAt(int[][] patchPixels) {
    float[] m = new float[IMAGE_W * IMAGE_H];
    for (int[] p : patchPixels) {
      m[(PATCH.y0() + p[1]) * IMAGE_W + PATCH.x0() + p[0]] = 1.5f;
    }
    return m;
  }

  @Test
  void weightsCountNonZeroPixelsAndNeverTheLastRowOrColumnOfThePatch() {
    // Cells span columns [0,3) [2,5) [5,8) [8,11) (and rows likewise): column 2 is in two cells, column 11 in none.
    float[] m = minDepthAt(new int[][] {{0, 0}, {2, 0}, {11, 0}, {9, 11}, {9, 10}});
    double[] w = CellSampler.weights(m, IMAGE_W, PATCH, 4);
    double[] expected = new double[16];
    expected[0] = 2; // (0,0) and (2,0)
    expected[1] = 1; // (2,0) again
    expected[3 * 4 + 3] = 1; // (9,10); (11,0) and (9,11) lie on the last column / row
    assertArrayEquals(expected, w);
    // With 2+ cells the cells never reach the last row or column anyway; with one cell it is the
    // min(h − 1, ·) that cuts them off: the cell is [0, 11) × [0, 11), not the whole 12×12 patch.
    assertArrayEquals(new double[] {3}, CellSampler.weights(m, IMAGE_W, PATCH, 1));
  }

  @Test
  void allZeroWeightsBecomeUniform() {
    double[] w = CellSampler.weights(minDepthAt(new int[][] {{11, 3}, {4, 11}}), IMAGE_W, PATCH, 4);
    double[] ones = new double[16];
    Arrays.fill(ones, 1);
    assertArrayEquals(ones, w, "only last-row/column pixels: every weight 0, so all become 1");
  }

  @Test
  void everyPointLiesInItsDrawnCellInclusiveAndInsideThePatch() {
    float[] m = new float[IMAGE_W * IMAGE_H];
    SplittableRandom fill = new SplittableRandom(3);
    for (int i = 0; i < m.length; i++) {
      m[i] = fill.nextInt(4) == 0 ? 2f : 0f;
    }
    int n = 500;
    float[] xs = new float[n + 2];
    float[] ys = new float[n + 2];
    CellSampler.sample(m, IMAGE_W, PATCH, 4, n, new SplittableRandom(11), xs, ys, 2);
    int[] cells = CellSampler.drawCells(CellSampler.weights(m, IMAGE_W, PATCH, 4), n, new SplittableRandom(11));
    int[] origin = {0, 2, 5, 8};
    int[] last = {3, 5, 8, 11}; // min(w − 1, origin + 3), inclusive
    boolean[] reachedLast = new boolean[4];
    for (int i = 0; i < n; i++) {
      int col = cells[i] % 4, row = cells[i] / 4;
      int x = (int) xs[i + 2] - PATCH.x0();
      int y = (int) ys[i + 2] - PATCH.y0();
      assertEquals(xs[i + 2], Math.rint(xs[i + 2]), "integer pixel coordinates");
      assertTrue(x >= origin[col] && x <= last[col], "point " + i + " x=" + x + " outside cell column " + col);
      assertTrue(y >= origin[row] && y <= last[row], "point " + i + " y=" + y + " outside cell row " + row);
      reachedLast[col] |= x == last[col];
    }
    assertEquals(0f, xs[0], "nothing written before the offset");
    for (int col = 0; col < 4; col++) {
      assertTrue(reachedLast[col], "the inclusive end of cell column " + col + " is reachable (randint is inclusive)");
    }
  }

  @Test
  void aCellWithAllTheWeightGetsEveryPoint() {
    float[] m = minDepthAt(new int[][] {{6, 9}, {7, 10}}); // both in the cell at row 3 (rows 8..10), column 2 (5..7)
    float[] xs = new float[300];
    float[] ys = new float[300];
    CellSampler.sample(m, IMAGE_W, PATCH, 4, 300, new SplittableRandom(5), xs, ys, 0);
    for (int i = 0; i < 300; i++) {
      int x = (int) xs[i] - PATCH.x0(), y = (int) ys[i] - PATCH.y0();
      assertTrue(x >= 5 && x <= 8 && y >= 8 && y <= 11, "point " + i + " at (" + x + ", " + y + ")");
    }
  }

  @Test
  void drawsFollowTheWeights() {
    double[] w = {0, 1, 0, 3};
    int[] cells = CellSampler.drawCells(w, 20000, new SplittableRandom(9));
    int[] hits = new int[4];
    for (int c : cells) {
      hits[c]++;
    }
    assertEquals(0, hits[0] + hits[2], "zero-weight cells are never drawn");
    assertEquals(0.25, hits[1] / 20000.0, 0.015);
    assertEquals(0.75, hits[3] / 20000.0, 0.015);
  }
}
