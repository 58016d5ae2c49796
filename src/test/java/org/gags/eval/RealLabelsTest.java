package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;
import org.gags.scene.LabelReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real LERF-OVS label files (waldo_kitchen), parsed and scored against maps built from their
 * own polygons, compared with the reference run by real OpenCV and NumPy ({@code frames.json}).
 *
 * <p>A map equal to the ground truth (1 inside, 0 outside) is a hit but does not score IoU 1 by this
 * protocol: the box30 blend and the 0.4 threshold erode thin parts and corners, and the 7x7 vote
 * rounds what is left; the test asserts the reference's own IoU for it.
 */
@Tag("unit")
class RealLabelsTest {
  private static LabelFile label(String name) throws URISyntaxException {
    return LabelReader.read(
        Path.of(RealLabelsTest.class.getResource("/lerf_ovs/waldo_kitchen/" + name).toURI()));
  }

  @Test
  void scoresMatchTheReferenceToThePixel() throws URISyntaxException {
    int checked = 0;
    for (JsonNode f : OpenCvFixtures.json("frames.json").get("frames")) {
      LabelFile label = label(f.get("label").asText());
      String category = f.get("category").asText();
      List<LabelObject> objects = label.objectsOf(category);
      int w = label.width();
      int h = label.height();
      boolean[] gt = OpenCvFixtures.mask(f.get("gt"), w, h);
      String what = f.get("label").asText() + " / " + category + " / " + f.get("map").asText();
      boolean[] ours = GroundTruth.mask(objects, w, h);
      assertArrayEquals(gt, ours, what + " ground truth: " + OpenCvFixtures.differences(gt, ours, w));

      float[] v = map(f.get("map").asText(), gt, w, h);
      FrameScore s = FrameScorer.score(v, w, h, objects);
      assertEquals(f.get("hit").asBoolean(), s.hit(), what + " hit");
      double iou = (double) f.get("intersection").asLong() / f.get("union").asLong();
      assertEquals(iou, s.iou(), 0.0, what + " IoU");
      JsonNode c = f.get("candidates");
      assertEquals(c.get("count").asInt(), s.candidates().size(), what + " candidates");
      long sumX = 0;
      long sumY = 0;
      for (Pixel p : s.candidates()) {
        sumX += p.x();
        sumY += p.y();
      }
      assertEquals(c.get("sumX").asLong(), sumX, what);
      assertEquals(c.get("sumY").asLong(), sumY, what);
      assertEquals(new Pixel(c.get("first").get(0).asInt(), c.get("first").get(1).asInt()), s.candidates().get(0));
      if (f.get("map").asText().equals("perfect")) {
        assertTrue(s.hit(), what + ": a perfect map is a hit");
        assertTrue(s.iou() > 0.6, what + ": " + s.iou());
      }
      checked++;
    }
    assertEquals(2 * (4 + 3), checked, "both maps of the 4 + 3 categories of the two label files");
  }

  @Test
  void aCategoryOfFiveObjectsIsOneQuery() throws URISyntaxException {
    LabelFile l = label("frame_00089.json");
    assertEquals(List.of("knife", "ketchup", "cabinet"), l.categories());
    assertEquals(5, l.objectsOf("knife").size());
  }

  /** The fixture generator's maps: the ground truth itself, or it moved 25 px right plus a texture. */
  private static float[] map(String kind, boolean[] gt, int w, int h) {
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (kind.equals("perfect")) {
          v[i] = gt[i] ? 1f : 0f;
        } else {
          float texture = (float) ((7 * x + 13 * y) % 17) / 170f;
          float shifted = x >= 25 && gt[i - 25] ? 1f : 0f;
          v[i] = 0.9f * shifted + texture;
        }
      }
    }
    return v;
  }
}
