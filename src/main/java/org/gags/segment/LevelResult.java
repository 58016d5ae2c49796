package org.gags.segment;

import java.util.List;

/**
 * What {@link LevelFilter} made of one granularity level of one view, with the intermediates of
 * every step so that tests and callers can look inside.
 *
 * @param offered candidates offered to step 1
 * @param accepted step 1's survivors, in offer order
 * @param afterBoxNms step 2's survivors, in score-descending order
 * @param afterCleanup step 3's survivors (masks cleaned), in its box NMS order
 * @param kept step 4's survivors, in step 3's order; segment {@code s} of the map is {@code kept.get(s)}
 * @param segmentMap step 5, the kept masks painted in order
 * @param maskNms step 4's pair counts
 */
public record LevelResult(
    int offered,
    List<MaskRecord> accepted,
    List<MaskRecord> afterBoxNms,
    List<MaskRecord> afterCleanup,
    List<MaskRecord> kept,
    SegmentMap segmentMap,
    MaskNms.Result maskNms) {
  public LevelResult {
    accepted = List.copyOf(accepted);
    afterBoxNms = List.copyOf(afterBoxNms);
    afterCleanup = List.copyOf(afterCleanup);
    kept = List.copyOf(kept);
  }
}
