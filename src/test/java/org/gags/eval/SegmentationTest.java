package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gags.scene.LabelObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SegmentationTest {
  @Test
  void thresholdIsStrictInFloat32() {
    boolean[] m = Segmentation.threshold(new float[] {0.4f, Math.nextUp(0.4f), 0.39f}, Segmentation.THRESHOLD);
    assertArrayEquals(new boolean[] {false, true, false}, m);
  }

  @Test
  void normalizeShiftsByTheMinimumAndDividesByTheRangePlusEpsilon() {
    float[] n = Segmentation.normalize(new float[] {2f, 3f, 4f});
    assertEquals(0f, n[0]);
    assertEquals(1f / (2f + 1e-9f), n[1]);
    float[] flat = Segmentation.normalize(new float[] {5f, 5f});
    assertArrayEquals(new float[] {0f, 0f}, flat, "a flat map normalises to 0, not NaN");
  }

  @Test
  void stretchClipsTwoVMinusOne() {
    assertArrayEquals(new float[] {0f, 0f, 0.5f, 1f}, Segmentation.stretch(new float[] {0f, 0.5f, 0.75f, 1f}));
  }

  @Test
  void aLargeSquareScoresHighButThinPartsAreLost() {
    int w = 120;
    int h = 100;
    double[][] square = {{20, 20}, {80, 20}, {80, 80}, {20, 80}};
    LabelObject o = new LabelObject("box", square, new double[] {20, 20, 80, 80});
    boolean[] gt = GroundTruth.mask(List.of(o), w, h);
    float[] v = new float[w * h];
    for (int i = 0; i < v.length; i++) {
      v[i] = gt[i] ? 1f : 0f;
    }
    FrameScore s = FrameScorer.score(v, w, h, List.of(o));
    assertTrue(s.hit());
    assertTrue(s.iou() > 0.95 && s.iou() < 1, "box30 blending rounds the corners: " + s.iou());
    boolean[] predictedIsTruth = gt.clone();
    assertEquals(1.0, Iou.of(predictedIsTruth, gt));
    assertFalse(Double.isNaN(s.iou()));
    assertTrue(Double.isNaN(Iou.of(new boolean[4], new boolean[4])), "0/0 as in the reference");
  }
}
