package org.gags.eval;

import java.util.List;

/**
 * One grid point's outcome on one scene, as a sweep report shows it: the LERF-OVS metrics, the
 * training and query times, and the stages this point computed itself (the rest it shared).
 */
public record SweepCell(String point, String scene, double mAcc, double mIoU, int pairs, int hits, double trainSeconds,
    double queryMs, List<String> computed, double computeSeconds) {
  public SweepCell {
    computed = List.copyOf(computed);
  }
}
