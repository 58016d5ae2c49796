package org.gags.eval;

import org.gags.scene.LabelFile;

/** One scored (frame, category): the frame as its label image stem ({@code frame_00066}). */
public record PairScore(String frame, String category, boolean hit, double iou) {
  /** The pair's hit and IoU from what {@link FrameScorer#score} found. */
  public static PairScore of(String frame, String category, FrameScore s) {
    return new PairScore(frame, category, s.hit(), s.iou());
  }

  /** The frame a label file labels, as its image name's stem ({@code frame_00066.jpg} → {@code frame_00066}). */
  public static String frameOf(LabelFile label) {
    String name = label.name();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
