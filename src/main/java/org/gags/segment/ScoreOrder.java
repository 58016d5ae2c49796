package org.gags.segment;

import java.util.Arrays;

/**
 * Stable descending orders of scores, as {@code torch.sort(descending=True, stable=True)}: ties
 * keep their input order, NaN sorts before every number (PyTorch treats NaN as the largest value)
 * and -0.0 ties with 0.0.
 */
final class ScoreOrder {
  private ScoreOrder() {}

  static int[] descending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareDescending(scores[a], scores[b])); // TimSort: stable
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  static int[] descending(float[] scores) {
    double[] d = new double[scores.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = scores[i];
    }
    return descending(d);
  }

  /** Negative when {@code a} sorts first. */
  static int compareDescending(double a, double b) {
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    if (nanA || nanB) {
      return nanA == nanB ? 0 : nanA ? -1 : 1;
    }
    return a > b ? -1 : a < b ? 1 : 0;
  }
}
