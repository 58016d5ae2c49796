package org.gags.eval;

import java.util.Arrays;

/**
 * Count, mean, median and maximum of a set of durations in milliseconds. The median is the
 * nearest-rank 50th percentile: the {@code ceil(n / 2)}-th smallest value, always one of the
 * values. All NaN when there are none.
 */
public record LatencyStats(int count, double mean, double p50, double max) {
  public static LatencyStats of(double[] millis) {
    if (millis.length == 0) {
      return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    int rank = (sorted.length + 1) / 2;
    return new LatencyStats(sorted.length, sum / sorted.length, sorted[rank - 1], sorted[sorted.length - 1]);
  }
}
