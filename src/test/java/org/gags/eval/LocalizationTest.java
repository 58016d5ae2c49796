package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gags.scene.LabelObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LocalizationTest {
  private static final int W = 100;
  private static final int H = 80;

  private static LabelObject box(String category, double x1, double y1, double x2, double y2) {
    double[][] polygon = {{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}};
    return new LabelObject(category, polygon, new double[] {x1, y1, x2, y2});
  }

  private static float[] hot(int x, int y) {
    float[] v = new float[W * H];
    v[y * W + x] = 1;
    return v;
  }

  @Test
  void aHotPixelInsideOrOutsideTheBox() {
    List<LabelObject> objects = List.of(box("mug", 40, 30, 60, 50));
    assertTrue(FrameScorer.score(hot(50, 40), W, H, objects).hit());
    assertFalse(FrameScorer.score(hot(10, 10), W, H, objects).hit());
  }

  @Test
  void boundsAreInclusiveAndCornersMayComeInAnyOrder() {
    List<Pixel> on = List.of(new Pixel(60, 30));
    assertTrue(Localization.hit(on, List.of(new double[] {60, 50, 40, 30})));
    assertFalse(Localization.hit(List.of(new Pixel(61, 30)), List.of(new double[] {60, 50, 40, 30})));
  }

  @Test
  void everyPixelTiedAtTheMaximumIsACandidate() {
    float[] v = new float[W * H];
    // Two equal hot spots far apart: box30 is tied at the maximum around both.
    v[20 * W + 20] = 1;
    v[60 * W + 80] = 1;
    float[] a = BoxFilter.box30(v, W, H);
    List<Pixel> c = Localization.candidates(a, W, H);
    assertEquals(2 * 30 * 30, c.size());
    assertTrue(c.contains(new Pixel(80, 60)) && c.contains(new Pixel(20, 20)));
    // A hit when only the second spot is inside a box.
    assertTrue(Localization.hit(c, List.of(new double[] {75, 55, 85, 65})));
  }

  @Test
  void aCategoryWithTwoObjectsCollectsBothBoxes() {
    List<LabelObject> two = List.of(box("knife", 5, 5, 15, 15), box("knife", 70, 50, 90, 70));
    FrameScore s = FrameScorer.score(hot(80, 60), W, H, two);
    assertTrue(s.hit(), "the hot pixel is in the second object's box");
    int both = 0;
    for (boolean b : s.groundTruthMask()) {
      both += b ? 1 : 0;
    }
    assertEquals(11 * 11 + 21 * 21, both, "the masks of both objects are OR-ed");
  }
}
