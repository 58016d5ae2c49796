package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;
import org.gags.scene.RgbImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class HeatmapTest {
  static final int W = SyntheticQueryFrame.W;
  static final int H = SyntheticQueryFrame.H;

  @TempDir Path dir;

  /** A photo whose every pixel differs: red = 3x, green = 4y, blue 77. */
  static RgbImage photo() {
    byte[] rgb = new byte[3 * W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int i = 3 * (y * W + x);
        rgb[i] = (byte) (3 * x);
        rgb[i + 1] = (byte) (4 * y);
        rgb[i + 2] = 77;
      }
    }
    return new RgbImage(W, H, rgb);
  }

  /** The mug's box drawn wider than its features (x, y 3..34), so the box and the mask outline lie apart. */
  static final int[] BOX = {3, 3, 34, 34};

  static LabelFile label() {
    return new LabelFile("frame_00003.jpg", W, H, List.of(SyntheticQueryFrame.object("mug", BOX)));
  }

  static QueryScorer.CategoryScore mug() {
    return QueryScorer.score(SyntheticQueryFrame.map(), label(), SyntheticQueryFrame.text()).categories().get(0);
  }

  static BufferedImage drawMug() {
    QueryScorer.CategoryScore mug = mug();
    return Heatmap.draw(photo(), mug.relevancy(), mug.score(), label().objectsOf("mug"));
  }

  @Test
  void theMarkerSitsOnTheFirstCandidate() {
    QueryScorer.CategoryScore mug = mug();
    Pixel p = mug.score().candidates().get(0);
    assertTrue(SyntheticQueryFrame.inside(SyntheticQueryFrame.MUG, p.x(), p.y()), "candidate " + p);
    BufferedImage img = drawMug();
    int arm = Heatmap.armLength(W, H);
    assertEquals(4, arm);
    for (int d = -arm; d <= arm; d++) {
      assertEquals(Heatmap.MARKER, rgb(img, p.x() + d, p.y()), "arm at dx " + d);
      assertEquals(Heatmap.MARKER, rgb(img, p.x(), p.y() + d), "arm at dy " + d);
    }
    assertTrue(rgb(img, p.x() + arm + 1, p.y()) != Heatmap.MARKER, "the arm ends at " + arm);
    assertTrue(rgb(img, p.x() + 1, p.y() + 1) != Heatmap.MARKER, "a plus sign, not a square");
  }

  @Test
  void theGroundTruthBoxIsDrawnOnItsInclusiveBorder() {
    BufferedImage img = drawMug();
    int[] b = BOX;
    for (int x = b[0]; x <= b[2]; x++) {
      assertEquals(Heatmap.BOX, rgb(img, x, b[1]), "top at x " + x);
      assertEquals(Heatmap.BOX, rgb(img, x, b[3]), "bottom at x " + x);
    }
    for (int y = b[1]; y <= b[3]; y++) {
      assertEquals(Heatmap.BOX, rgb(img, b[0], y), "left at y " + y);
      assertEquals(Heatmap.BOX, rgb(img, b[2], y), "right at y " + y);
    }
    assertTrue(rgb(img, b[0] - 1, 15) != Heatmap.BOX && rgb(img, b[0] + 1, 15) != Heatmap.BOX);
    assertTrue(rgb(img, b[2] + 1, 15) != Heatmap.BOX && rgb(img, b[2] - 1, 15) != Heatmap.BOX);
  }

  @Test
  void theMaskOutlineIsWhiteWhereTheMaskMeetsItsOutside() {
    QueryScorer.CategoryScore mug = mug();
    boolean[] mask = mug.score().predictedMask();
    BufferedImage img = drawMug();
    int edges = 0;
    int inner = 0;
    for (int y = 1; y < H - 1; y++) {
      for (int x = 1; x < W - 1; x++) {
        if (!mask[y * W + x] || onBox(x, y) || nearMarker(x, y)) {
          continue;
        }
        boolean edge = !mask[y * W + x - 1] || !mask[y * W + x + 1] || !mask[(y - 1) * W + x] || !mask[(y + 1) * W + x];
        if (edge) {
          edges++;
          assertEquals(Heatmap.MASK_OUTLINE, rgb(img, x, y), "outline at " + x + ", " + y);
        } else {
          inner++;
          assertTrue(rgb(img, x, y) != Heatmap.MASK_OUTLINE, "inside the mask at " + x + ", " + y);
        }
      }
    }
    assertTrue(edges > 20 && inner > 20, edges + " outline and " + inner + " inner pixels");
  }

  @Test
  void elsewhereTheColourMapIsBlendedOverThePhoto() {
    QueryScorer.CategoryScore mug = mug();
    BufferedImage img = drawMug();
    float[] v = mug.relevancy();
    float[] t = Segmentation.normalize(v);
    int checked = 0;
    for (int[] at : new int[][] {{60, 4}, {2, 45}, {40, 30}, {50, 10}, {12, 12}}) {
      int x = at[0];
      int y = at[1];
      assertTrue(rgb(img, x, y) != Heatmap.MASK_OUTLINE && !onBox(x, y) && !nearMarker(x, y), x + ", " + y);
      int photo = (3 * x) << 16 | (4 * y) << 8 | 77;
      assertEquals(Heatmap.mix(photo, Heatmap.colour(t[y * W + x])), rgb(img, x, y),
          "blend at " + x + ", " + y);
      checked++;
    }
    assertEquals(5, checked);
    // Inside the mug the map is at its maximum (red), on the background at its minimum (navy), and on
    // the plate at 1/2 between them.
    assertEquals(Heatmap.mix(36 << 16 | 48 << 8 | 77, Heatmap.colour(1f)), rgb(img, 12, 12));
    assertEquals(Heatmap.mix(180 << 16 | 16 << 8 | 77, Heatmap.colour(0f)), rgb(img, 60, 4));
    assertEquals(0.5, t[30 * W + 40], 1e-3);
  }

  @Test
  void theColourMapRunsFromNavyToRed() {
    assertEquals(0x000080, Heatmap.colour(0f));
    assertEquals(0xdc0000, Heatmap.colour(1f));
    assertEquals(0x00d278, Heatmap.colour(0.5f));
    assertEquals(Heatmap.colour(1f), Heatmap.colour(7f));
  }

  @Test
  void thePngHoldsExactlyThePicture() throws Exception {
    BufferedImage img = drawMug();
    Path file = dir.resolve("h").resolve(Heatmap.fileName("frame_00003", "mug"));
    Heatmap.write(file, img);
    BufferedImage back = ImageIO.read(file.toFile());
    assertEquals(W, back.getWidth());
    assertEquals(H, back.getHeight());
    assertArrayEquals(img.getRGB(0, 0, W, H, null, 0, W), back.getRGB(0, 0, W, H, null, 0, W));
  }

  @Test
  void fileNamesAreSafeAndDistinctPerCategory() {
    assertEquals("frame_00003__red_plate.png", Heatmap.fileName("frame_00003", "red plate"));
    assertEquals("frame_00003__red~005fplate.png", Heatmap.fileName("frame_00003", "red_plate"));
    assertEquals("frame_00003__a~002fb~0027s.png", Heatmap.fileName("frame_00003", "a/b's"));
  }

  @Test
  void aPhotoOfAnotherSizeIsRefused() {
    QueryScorer.CategoryScore mug = mug();
    RgbImage small = new RgbImage(2, 2, new byte[12]);
    List<LabelObject> objects = label().objectsOf("mug");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Heatmap.draw(small, mug.relevancy(), mug.score(), objects));
    assertEquals("heatmap: expected a relevancy map and mask of the photo's 2 x 2 = 4 pixels, found 3072 and 3072",
        e.getMessage());
  }

  static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }

  static boolean onBox(int x, int y) {
    int[] b = BOX;
    return SyntheticQueryFrame.inside(b, x, y) && (x == b[0] || x == b[2] || y == b[1] || y == b[3]);
  }

  static boolean nearMarker(int x, int y) {
    Pixel p = mug().score().candidates().get(0);
    int arm = Heatmap.armLength(W, H);
    return (y == p.y() && Math.abs(x - p.x()) <= arm) || (x == p.x() && Math.abs(y - p.y()) <= arm);
  }
}
