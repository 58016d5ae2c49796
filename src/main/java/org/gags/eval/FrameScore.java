package org.gags.eval;

import java.util.List;

/**
 * What {@link FrameScorer#score} found for one (frame, category): the localisation hit and its
 * candidates (every pixel tied at the maximum of box30), the IoU, and the intermediates (box30 of
 * the relevancy, the predicted mask after the vote, the ground-truth mask) for callers and tests to
 * look inside. Arrays are the scorer's own: callers must not change them.
 */
public record FrameScore(
    boolean hit,
    double iou,
    List<Pixel> candidates,
    float[] box30,
    boolean[] predictedMask,
    boolean[] groundTruthMask) {
  public FrameScore {
    candidates = List.copyOf(candidates);
  }
}
