package org.gags.prompt;

import java.util.SplittableRandom;

/**
 * Places a patch's prompt points (METHOD.md 2.3), following the reference's {@code
 * sample_based_mapping} with its quirks:
 *
 * <ul>
 *   <li>the patch (h×w) is cut into c×c cells whose origins are {@link PatchGrid#origins}(w, c)
 *       and (h, c); cell index = row·c + column;
 *   <li>a cell's weight is the number of non-zero Dmin pixels in rows [cy, min(h−1, cy + h/c)) and
 *       columns [cx, min(w−1, cx + w/c)), so the patch's last row and column never count (with
 *       c ≥ 2 the cells stop short of them anyway; with c = 1 the min cuts them off); when every
 *       weight is 0 all weights are 1;
 *   <li>all n cells are drawn first, with replacement, by weight; then, in draw order, each drawn
 *       cell gets one point x = cx + an integer uniform in [0, min(w−1, cx + w/c) − cx], inclusive
 *       as the reference's {@code randint}, y likewise (x drawn before y).
 * </ul>
 *
 * Points are integer pixel coordinates in the image (the patch origin added).
 */
public final class CellSampler {
  private CellSampler() {}

  /**
   * Draws {@code n} points in patch {@code p} into {@code xs, ys} from {@code offset} on.
   *
   * @param minDepth the view's min-depth map, row-major over the image
   */
  public static void sample(
      float[] minDepth, int imageWidth, PatchGrid.Patch p, int cellsPerSide, int n, SplittableRandom rng,
      float[] xs, float[] ys, int offset) {
    int[] cellX = PatchGrid.origins(p.width(), cellsPerSide);
    int[] cellY = PatchGrid.origins(p.height(), cellsPerSide);
    double[] weights = weights(minDepth, imageWidth, p, cellsPerSide);
    int[] cells = drawCells(weights, n, rng);
    int cellW = p.width() / cellsPerSide;
    int cellH = p.height() / cellsPerSide;
    for (int i = 0; i < n; i++) {
      int cx = cellX[cells[i] % cellsPerSide];
      int cy = cellY[cells[i] / cellsPerSide];
      int x = cx + rng.nextInt(lastInCell(cx, cellW, p.width()) - cx + 1);
      int y = cy + rng.nextInt(lastInCell(cy, cellH, p.height()) - cy + 1);
      xs[offset + i] = p.x0() + x;
      ys[offset + i] = p.y0() + y;
    }
  }

  /** min(size − 1, origin + cellSize): the reference's end of a cell, used inclusive for points and exclusive for weights. */
  static int lastInCell(int origin, int cellSize, int size) {
    return Math.min(size - 1, origin + cellSize);
  }

  /** Cell weights, row-major (row·c + column): non-zero Dmin pixels per cell, or all 1 when all are 0. */
  public static double[] weights(float[] minDepth, int imageWidth, PatchGrid.Patch p, int cellsPerSide) {
    int c = cellsPerSide;
    int[] cellX = PatchGrid.origins(p.width(), c);
    int[] cellY = PatchGrid.origins(p.height(), c);
    int cellW = p.width() / c;
    int cellH = p.height() / c;
    double[] w = new double[c * c];
    double total = 0;
    for (int r = 0; r < c; r++) {
      int yEnd = lastInCell(cellY[r], cellH, p.height());
      for (int col = 0; col < c; col++) {
        int xEnd = lastInCell(cellX[col], cellW, p.width());
        int count = 0;
        for (int y = cellY[r]; y < yEnd; y++) {
          int row = (p.y0() + y) * imageWidth + p.x0();
          for (int x = cellX[col]; x < xEnd; x++) {
            if (minDepth[row + x] != 0f) {
              count++;
            }
          }
        }
        w[r * c + col] = count;
        total += count;
      }
    }
    if (total == 0) {
      java.util.Arrays.fill(w, 1.0);
    }
    return w;
  }

  /**
   * {@code n} cell indices drawn with replacement by weight: cumulative weights in double,
   * r = nextDouble()·total, the first cell whose cumulative weight exceeds r.
   */
  public static int[] drawCells(double[] weights, int n, SplittableRandom rng) {
    double[] cumulative = new double[weights.length];
    double total = 0;
    int lastPositive = -1;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("cell weight " + i + " must be finite and >= 0, found " + weights[i]);
      }
      total += weights[i];
      cumulative[i] = total;
      if (weights[i] > 0) {
        lastPositive = i;
      }
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("cell weights must not all be 0");
    }
    int[] cells = new int[n];
    for (int k = 0; k < n; k++) {
      double r = rng.nextDouble() * total;
      int lo = 0;
      int hi = weights.length; // first index with cumulative > r, by bisection
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > r) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      cells[k] = lo < weights.length ? lo : lastPositive;
    }
    return cells;
  }
}
