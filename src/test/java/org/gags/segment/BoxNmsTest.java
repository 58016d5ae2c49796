package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** torchvision NMS semantics: score order out, stable ties, strict threshold, float IoU vs double threshold. */
@Tag("unit")
class BoxNmsTest {
  @Test
  void boxIouIsTorchvisionsWithoutPlusOne() {
    MaskBox a = new MaskBox(0, 0, 10, 10); // corner area 100
    MaskBox b = new MaskBox(5, 0, 15, 10);
    assertEquals(50f / 150f, a.iou(b));
    assertEquals(0f, a.iou(new MaskBox(10, 0, 20, 10)), "touching at a column: no corner overlap");
    assertTrue(Float.isNaN(new MaskBox(3, 3, 3, 3).iou(new MaskBox(3, 3, 3, 3))), "two one-pixel boxes: 0/0");
    assertTrue(new MaskBox(10, 0, 20, 10).sharesPixels(a));
    assertEquals(11, new MaskBox(10, 0, 20, 10).sharedPixelCount(a));
  }

  @Test
  void resultIsInScoreOrderAndTiesKeepInputOrder() {
    List<MaskBox> boxes = List.of(
        new MaskBox(0, 0, 10, 10), new MaskBox(50, 50, 60, 60), new MaskBox(100, 0, 110, 10), new MaskBox(0, 100, 9, 109));
    assertArrayEquals(new int[] {3, 1, 2, 0}, BoxNms.keep(boxes, new float[] {0.1f, 0.8f, 0.5f, 0.9f}, 0.7));
    assertArrayEquals(new int[] {1, 2, 0, 3}, BoxNms.keep(boxes, new float[] {0.5f, 0.8f, 0.8f, 0.5f}, 0.7));
  }

  @Test
  void onlyKeptBoxesSuppress() {
    // A (best) overlaps B; B overlaps C; A does not overlap C enough: B is suppressed, C stays.
    List<MaskBox> boxes = List.of(new MaskBox(0, 0, 10, 10), new MaskBox(1, 0, 11, 10), new MaskBox(2, 0, 12, 10));
    float[] s = {0.9f, 0.8f, 0.7f};
    assertTrue(boxes.get(0).iou(boxes.get(1)) > 0.7 && boxes.get(1).iou(boxes.get(2)) > 0.7);
    assertTrue(boxes.get(0).iou(boxes.get(2)) <= 0.7);
    assertArrayEquals(new int[] {0, 2}, BoxNms.keep(boxes, s, 0.7));
  }

  @Test
  void theThresholdIsStrictAndComparedInDouble() {
    // IoU 70/100 is 0.7f = 0.69999999 as a float, not above 0.7 in double: both kept.
    List<MaskBox> boxes = List.of(new MaskBox(0, 0, 10, 10), new MaskBox(0, 0, 10, 7));
    assertEquals(0.7f, boxes.get(0).iou(boxes.get(1)));
    assertArrayEquals(new int[] {0, 1}, BoxNms.keep(boxes, new float[] {0.9f, 0.8f}, 0.7));
    // 71/100 is above: the second is suppressed.
    List<MaskBox> more = List.of(new MaskBox(0, 0, 100, 1), new MaskBox(0, 0, 71, 1));
    assertArrayEquals(new int[] {0}, BoxNms.keep(more, new float[] {0.9f, 0.8f}, 0.7));
    // Exactly at a threshold that a float represents: 0.5 is not above 0.5.
    List<MaskBox> half = List.of(new MaskBox(0, 0, 10, 10), new MaskBox(0, 0, 10, 5));
    assertArrayEquals(new int[] {0, 1}, BoxNms.keep(half, new float[] {0.9f, 0.8f}, 0.5));
  }
}
