package org.gags.segment;

import java.util.List;

/**
 * Box non-maximum suppression with torchvision's {@code batched_nms} semantics (one category, as
 * SAM calls it): order the boxes by score, descending, with a stable sort; walk that order, keep a
 * box unless an earlier kept box suppressed it, and suppress every later box whose {@link
 * MaskBox#iou} with it is above the threshold. The float32 IoU is compared with the threshold in
 * double, as torchvision's kernels compare it with their {@code double iou_threshold}.
 *
 * <p>The result is in score-descending order, not input order: SAM applies it with {@code
 * MaskData.filter(keep_by_nms)}, which indexes with the kept indices and so reorders its records.
 * torchvision's larger-input path re-sorts the kept indices by score with an unstable sort; with
 * ties that order is unspecified there and input order here.
 */
public final class BoxNms {
  private BoxNms() {}

  /**
   * Indices of the kept boxes, in score-descending order (ties in input order).
   *
   * @param boxes the boxes
   * @param scores one score per box (SAM: the predicted IoU, or 1/0 after small-region cleanup)
   * @param iouThreshold suppress a box whose IoU with a kept higher-scored box is above this
   */
  public static int[] keep(List<MaskBox> boxes, float[] scores, double iouThreshold) {
    if (boxes.size() != scores.length) {
      throw new IllegalArgumentException(
          "box NMS needs one score per box: " + boxes.size() + " boxes != " + scores.length + " scores");
    }
    int n = scores.length;
    int[] order = ScoreOrder.descending(scores);
    boolean[] suppressed = new boolean[n];
    int[] kept = new int[n];
    int count = 0;
    for (int a = 0; a < n; a++) {
      int i = order[a];
      if (suppressed[i]) {
        continue;
      }
      kept[count++] = i;
      MaskBox bi = boxes.get(i);
      for (int b = a + 1; b < n; b++) {
        int j = order[b];
        if (!suppressed[j] && (double) bi.iou(boxes.get(j)) > iouThreshold) {
          suppressed[j] = true;
        }
      }
    }
    return java.util.Arrays.copyOf(kept, count);
  }

  /** {@link #keep} applied to records scored by their predicted IoU (SAM's first box NMS). */
  public static List<MaskRecord> byPredictedIou(List<MaskRecord> records, double iouThreshold) {
    float[] scores = new float[records.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = records.get(i).predictedIou();
    }
    int[] kept = keep(records.stream().map(MaskRecord::box).toList(), scores, iouThreshold);
    return java.util.Arrays.stream(kept).mapToObj(records::get).toList();
  }
}
