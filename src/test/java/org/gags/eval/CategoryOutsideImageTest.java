package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gags.scene.LabelObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A label category whose polygons cover no pixel of its image (drawn wholly outside it) is a
 * legitimate label under the LERF-OVS protocol, which scores it rather than refusing it: the scan
 * stage lets it through, and this is how it scores: a miss, IoU 0 against any predicted mask, and
 * the reference's 0/0 (NaN) when nothing is predicted either.
 */
@Tag("unit")
class CategoryOutsideImageTest {
  private static final int W = 40;
  private static final int H = 30;
  private static final List<LabelObject> OUTSIDE =
      List.of(new LabelObject("unicorn", new double[][] {{500, 500}, {510, 500}, {510, 510}}, new double[] {500, 500, 510, 510}));

  @Test
  void itIsAMissWithIouZeroAgainstAPrediction() {
    float[] relevancy = new float[W * H];
    for (int y = 10; y < 20; y++) {
      for (int x = 10; x < 20; x++) {
        relevancy[y * W + x] = 1;
      }
    }
    FrameScore s = FrameScorer.score(relevancy, W, H, OUTSIDE);
    assertFalse(s.hit());
    assertTrue(count(s.predictedMask()) > 0, "something is predicted");
    assertEquals(0, count(s.groundTruthMask()));
    assertEquals(0.0, s.iou());
  }

  @Test
  void itsIouIsNanWhenNothingIsPredictedEither() {
    FrameScore s = FrameScorer.score(new float[W * H], W, H, OUTSIDE);
    assertFalse(s.hit());
    assertEquals(0, count(s.predictedMask()));
    assertTrue(Double.isNaN(s.iou()), "the reference's 0/0");
  }

  private static int count(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
