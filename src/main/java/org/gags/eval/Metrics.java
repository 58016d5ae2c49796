package org.gags.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * mAcc and mIoU over a set of (frame, category) pairs: mAcc = hits / pairs, mIoU = the mean IoU
 * over the pairs (NaN if any pair's IoU is NaN, as in the reference).
 */
public record Metrics(int pairs, int hits, double iouSum) {
  public static Metrics of(List<PairScore> scores) {
    int hits = 0;
    double sum = 0;
    for (PairScore s : scores) {
      hits += s.hit() ? 1 : 0;
      sum += s.iou();
    }
    return new Metrics(scores.size(), hits, sum);
  }

  /** Metrics per key ({@code PairScore::category}, {@code PairScore::frame}), in first-seen order. */
  public static Map<String, Metrics> by(List<PairScore> scores, Function<PairScore, String> key) {
    Map<String, List<PairScore>> groups = new LinkedHashMap<>();
    for (PairScore s : scores) {
      groups.computeIfAbsent(key.apply(s), k -> new java.util.ArrayList<>()).add(s);
    }
    Map<String, Metrics> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, of(v)));
    return out;
  }

  public double mAcc() {
    return pairs == 0 ? Double.NaN : (double) hits / pairs;
  }

  public double mIoU() {
    return pairs == 0 ? Double.NaN : iouSum / pairs;
  }
}
