package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gags.io.Npy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The eval steps against real OpenCV 4.6 and NumPy output (fixtures made by {@code
 * src/test/fixtures/make_eval_fixtures.py}).
 *
 * <p>box30: OpenCV computes it by a float64 DFT, so on maps of few distinct values its float32
 * result carries DFT noise where the exact value is 0 (about 1e-17 instead of 0) or lies exactly
 * halfway between two float32 values (either neighbour); elsewhere it is the exact window mean
 * rounded, as here. The tests assert bit equality on continuous maps and a bound elsewhere, and
 * that what the protocol derives (candidates, masks) is identical either way.
 */
@Tag("unit")
class OpenCvExactnessTest {
  /** Where the exact window mean is 0, OpenCV's float64 DFT leaves noise up to this size. */
  private static final double ZERO_NOISE = 1e-15;

  @Test
  void box30MatchesOpenCvFilter2D() {
    List<String> report = new ArrayList<>();
    for (JsonNode c : OpenCvFixtures.json("cases.json").get("cases")) {
      String name = c.get("name").asText();
      int w = c.get("width").asInt();
      int h = c.get("height").asInt();
      float[] v = OpenCvFixtures.npy("map_" + name + ".npy").values();
      float[] cv = OpenCvFixtures.npy("box_" + name + ".npy").values();
      float[] ours = BoxFilter.box30(v, w, h);
      int differing = 0;
      double maxAbs = 0;
      double maxUlps = 0;
      for (int i = 0; i < cv.length; i++) {
        if (Float.floatToRawIntBits(cv[i]) != Float.floatToRawIntBits(ours[i])) {
          differing++;
          double d = Math.abs((double) cv[i] - ours[i]);
          maxAbs = Math.max(maxAbs, d);
          if (Math.abs(cv[i]) > ZERO_NOISE || Math.abs(ours[i]) > ZERO_NOISE) {
            maxUlps = Math.max(maxUlps, d / Math.ulp(Math.max(Math.abs(cv[i]), Math.abs(ours[i]))));
          }
        }
      }
      report.add(name + ": " + differing + "/" + cv.length + " differ, max " + maxAbs + " (" + maxUlps + " ulp away from 0)");
      boolean continuous =
          name.startsWith("rand") || name.startsWith("relevancy")
              || name.startsWith("const");
      if (continuous) {
        assertEquals(0, differing, name + " bit-identical to OpenCV");
      }
      assertTrue(maxUlps <= 1, name + ": " + maxUlps + " float32 ulps from OpenCV");
      assertEquals(
          Localization.candidates(cv, w, h), Localization.candidates(ours, w, h), name + " candidates");
    }
    System.out.println("box30 vs OpenCV filter2D: " + String.join("; ", report));
  }

  @Test
  void maskStepsMatchTheReference() {
    for (JsonNode c : OpenCvFixtures.json("cases.json").get("cases")) {
      if (!c.has("voted")) {
        continue;
      }
      String name = c.get("name").asText();
      int w = c.get("width").asInt();
      int h = c.get("height").asInt();
      float[] v = OpenCvFixtures.npy("map_" + name + ".npy").values();
      for (float[] box :
          new float[][] {BoxFilter.box30(v, w, h), OpenCvFixtures.npy("box_" + name + ".npy").values()}) {
        float[] s = Segmentation.stretch(Segmentation.normalize(Segmentation.blend(v, box)));
        boolean[] thresholded = Segmentation.threshold(s, Segmentation.THRESHOLD);
        boolean[] expected = OpenCvFixtures.mask(c.get("thresholded"), w, h);
        assertArrayEquals(expected, thresholded,
            name + " thresholded: " + OpenCvFixtures.differences(expected, thresholded, w));
        boolean[] voted = MajorityVote.smooth(thresholded, w, h);
        boolean[] expectedVote = OpenCvFixtures.mask(c.get("voted"), w, h);
        assertArrayEquals(expectedVote, voted,
            name + " voted: " + OpenCvFixtures.differences(expectedVote, voted, w));
      }
    }
  }

  @Test
  void polygonFillMatchesOpenCvFillPoly() {
    for (JsonNode p : OpenCvFixtures.json("polygons.json").get("polygons")) {
      String name = p.get("name").asText();
      int w = p.get("width").asInt();
      int h = p.get("height").asInt();
      double[][] points = new double[p.get("points").size()][];
      for (int k = 0; k < points.length; k++) {
        JsonNode pt = p.get("points").get(k);
        points[k] = new double[] {pt.get(0).asDouble(), pt.get(1).asDouble()};
      }
      boolean[] ours = new boolean[w * h];
      PolygonFill.fill(ours, w, h, PolygonFill.truncate(points));
      boolean[] expected = OpenCvFixtures.mask(p.get("mask"), w, h);
      assertArrayEquals(expected, ours, name + ": " + OpenCvFixtures.differences(expected, ours, w));
    }
  }

  @Test
  void fixturesRecordTheirOpenCv() {
    Npy.Array a = OpenCvFixtures.npy("map_rand_37x29.npy");
    assertArrayEquals(new int[] {29, 37}, a.shape());
    assertTrue(OpenCvFixtures.json("cases.json").get("opencv").asText().startsWith("4."));
  }
}
