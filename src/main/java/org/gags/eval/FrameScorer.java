package org.gags.eval;

import java.util.List;
import org.gags.scene.LabelObject;

/**
 * Scores one relevancy map against one category of one label file, by the LERF-OVS / LangSplat
 * protocol GAGS uses (METHOD.md section 4). The single entry point of this package's arithmetic:
 * the {@code eval-maps} command and any later engine stage call it.
 */
public final class FrameScorer {
  private FrameScorer() {}

  /**
   * Localisation and segmentation of {@code relevancy} (row-major {@code width × height} float32)
   * against {@code objects}, the label objects of one category (boxes collected, masks OR-ed).
   *
   * <ol>
   *   <li>{@code a = box30(v)} ({@link BoxFilter});
   *   <li>hit: some pixel tied at max(a) inside some box ({@link Localization});
   *   <li>{@code v ← ½(a + v)}, min-max normalised, {@code clip(2v-1, 0, 1)}, {@code > 0.4}
   *       ({@link Segmentation});
   *   <li>7×7 majority vote ({@link MajorityVote});
   *   <li>IoU with the filled polygons ({@link GroundTruth}, {@link Iou}).
   * </ol>
   */
  public static FrameScore score(
      float[] relevancy, int width, int height, List<LabelObject> objects) {
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("no label objects to score against");
    }
    FrameScore p = predict(relevancy, width, height);
    boolean hit = Localization.hit(p.candidates(), Localization.boxes(objects));
    boolean[] truth = GroundTruth.mask(objects, width, height);
    return new FrameScore(hit, Iou.of(p.predictedMask(), truth), p.candidates(), p.box30(), p.predictedMask(), truth);
  }

  /**
   * The protocol's prediction alone, for a query without labels (an ad-hoc query): the candidates
   * and the predicted mask; no hit, IoU 0 and an empty ground truth.
   */
  public static FrameScore predict(float[] relevancy, int width, int height) {
    float[] box = BoxFilter.box30(relevancy, width, height);
    List<Pixel> candidates = Localization.candidates(box, width, height);
    float[] v = Segmentation.stretch(Segmentation.normalize(Segmentation.blend(relevancy, box)));
    boolean[] predicted =
        MajorityVote.smooth(Segmentation.threshold(v, Segmentation.THRESHOLD), width, height);
    return new FrameScore(false, 0, candidates, box, predicted, new boolean[width * height]);
  }
}
