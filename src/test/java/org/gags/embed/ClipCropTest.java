package org.gags.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The crop rule against OpenCV itself (outputs of Debian's cv2 4.6 recorded by
 * {@code clip_crop_cv2.py}), against its slow double-precision twin on random masks, and on
 * hand-checked cases (the off-by-one box, centring, degenerate boxes, normalisation).
 */
@Tag("unit")
class ClipCropTest {
  /** A case of clip_crop_cv2.py: a textured image and a rectangle mask with holes and cut corners. */
  record Cv2Case(String name, int w, int h, int xa, int ya, int xb, int yb, String sha256, long[] rowSums) {
    ClipCrop.Image image() {
      int[] rgb = new int[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = 0;
          for (int c = 0; c < 3; c++) {
            v = v << 8 | (x * 131 + y * 71 + c * 29 + ((x * y) % 97) * 3) % 256;
          }
          rgb[y * w + x] = v;
        }
      }
      return new ClipCrop.Image(w, h, rgb);
    }

    ClipCrop.MaskPixels mask() {
      boolean holes = xb - xa >= 4 && yb - ya >= 4;
      int cut = Math.min(xb - xa, yb - ya) / 4;
      return (x, y) -> {
        boolean in = x >= xa && x <= xb && y >= ya && y <= yb;
        if (in && holes) {
          in = (x * 7 + y * 13) % 11 != 0 && Math.min(x - xa, xb - x) + Math.min(y - ya, yb - y) >= cut;
        }
        return in;
      };
    }
  }

  static List<Cv2Case> cv2Cases() throws IOException {
    List<Cv2Case> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ClipCropTest.class.getResourceAsStream("clip_crop_cv2.txt"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] t = line.split(" ");
        long[] rows = new long[ClipCrop.SIZE];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = Long.parseLong(t[8 + i]);
        }
        cases.add(new Cv2Case(t[0], Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3]),
            Integer.parseInt(t[4]), Integer.parseInt(t[5]), Integer.parseInt(t[6]), t[7], rows));
      }
    }
    return cases;
  }

  @Test
  void matchesOpenCvBitForBit() throws Exception {
    List<Cv2Case> cases = cv2Cases();
    assertEquals(13, cases.size());
    for (Cv2Case c : cases) {
      ClipCrop.Image img = c.image();
      ClipCrop.MaskPixels m = c.mask();
      ClipCrop.Box box = ClipCrop.Box.around(m, c.w(), c.h());
      byte[] px = ClipCrop.pixels(img, m, box);
      long[] rows = rowSums(px);
      for (int y = 0; y < rows.length; y++) {
        assertEquals(c.rowSums()[y], rows[y], c.name() + ": sum of output row " + y);
      }
      assertEquals(c.sha256(), sha256(px), c.name() + ": output bytes");
    }
  }

  @Test
  void staysWithinOneLevelOfTheDoublePrecisionTwin() {
    SplittableRandom rnd = new SplittableRandom(7);
    int worst = 0;
    long differing = 0;
    long total = 0;
    for (int k = 0; k < 40; k++) {
      int w = 8 + rnd.nextInt(500);
      int h = 8 + rnd.nextInt(400);
      int[] rgb = new int[w * h];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = rnd.nextInt(1 << 24);
      }
      ClipCrop.Image img = new ClipCrop.Image(w, h, rgb);
      int x0 = rnd.nextInt(w), y0 = rnd.nextInt(h);
      int x1 = x0 + rnd.nextInt(w - x0), y1 = y0 + rnd.nextInt(h - y0);
      boolean[] bits = new boolean[w * h];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = rnd.nextInt(4) != 0;
      }
      ClipCrop.MaskPixels m = (x, y) -> bits[y * w + x];
      ClipCrop.Box box = new ClipCrop.Box(x0, y0, x1, y1);
      byte[] fast = ClipCrop.pixels(img, m, box);
      byte[] slow = ClipCropReference.pixels(img, m, box);
      for (int i = 0; i < fast.length; i++) {
        int d = Math.abs((fast[i] & 0xff) - (slow[i] & 0xff));
        worst = Math.max(worst, d);
        differing += d > 0 ? 1 : 0;
      }
      total += fast.length;
    }
    System.out.printf("ClipCrop vs double-precision twin: %d of %d values differ, by at most %d%n", differing, total, worst);
    assertTrue(worst <= 1, "fixed-point and double-precision resizes differ by " + worst + " levels");
    assertTrue(differing < total / 20, differing + " of " + total + " values differ");
  }

  @Test
  void cropsRowsY0ToY1MinusOneAndColumnsX0ToX1MinusOneCentredInTheSquare() {
    // A 40x40 image, every pixel a different colour. A square of side 32 upscales by exactly 7, so
    // output 7k + 3 samples source pixel k with weight 1 and the values are exact.
    int w = 40, h = 40;
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (i % 256) << 16 | (i / 256) << 8 | 7;
    }
    ClipCrop.Image img = new ClipCrop.Image(w, h, rgb);
    ClipCrop.MaskPixels all = (x, y) -> true;
    // Box (2,1)-(34,2) inclusive: w = 32, h = 1, so columns 2..33 of row 1, on row (32 - 1) / 2 = 15.
    byte[] px = ClipCrop.pixels(img, all, new ClipCrop.Box(2, 1, 34, 2));
    assertArrayEquals(colour(rgb[1 * w + 2]), pixel(px, 3, 7 * 15 + 3), "image (2, 1) at the square's (0, 15)");
    assertArrayEquals(colour(rgb[1 * w + 33]), pixel(px, 7 * 31 + 3, 7 * 15 + 3), "image (33, 1): column x1 - 1 is the last");
    assertArrayEquals(new int[] {0, 0, 0}, pixel(px, 3, 7 * 14 + 3), "row 14 of the square is padding");
    assertArrayEquals(new int[] {0, 0, 0}, pixel(px, 3, 7 * 16 + 3), "row 16: row y1 = 2 is not taken");

    // Box (1,0)-(2,32): w = 1, h = 32, so column 1 of rows 0..31, in column (32 - 1) / 2 = 15.
    byte[] tall = ClipCrop.pixels(img, all, new ClipCrop.Box(1, 0, 2, 32));
    assertArrayEquals(colour(rgb[1]), pixel(tall, 7 * 15 + 3, 3), "image (1, 0) at the square's (15, 0)");
    assertArrayEquals(colour(rgb[31 * w + 1]), pixel(tall, 7 * 15 + 3, 7 * 31 + 3), "image (1, 31): row y1 - 1 is the last");
    assertArrayEquals(new int[] {0, 0, 0}, pixel(tall, 7 * 16 + 3, 3), "column 16: column x1 = 2 is not taken");
  }

  @Test
  void masksOutsidePixelsAndNormalisesWithClipsMeanAndStd() {
    int w = 4, h = 4;
    int[] rgb = new int[w * h];
    java.util.Arrays.fill(rgb, 0xff8000);
    ClipCrop.Image img = new ClipCrop.Image(w, h, rgb);
    ClipCrop.MaskPixels left = (x, y) -> x < 2;
    float[] out = new float[5 + ClipCrop.FLOATS];
    ClipCrop.cropInto(img, left, new ClipCrop.Box(0, 0, 3, 3), out, 5);
    int plane = 224 * 224;
    // Left third (source column 0 of the 3x3 square) is orange, the right third black.
    int p = 112 * 224 + 10;
    assertEquals((1f - ClipCrop.MEAN[0]) / ClipCrop.STD[0], out[5 + p], 1e-6);
    assertEquals((128 / 255f - ClipCrop.MEAN[1]) / ClipCrop.STD[1], out[5 + plane + p], 1e-6);
    assertEquals((0f - ClipCrop.MEAN[2]) / ClipCrop.STD[2], out[5 + 2 * plane + p], 1e-6);
    int q = 112 * 224 + 214;
    for (int c = 0; c < 3; c++) {
      assertEquals(-ClipCrop.MEAN[c] / ClipCrop.STD[c], out[5 + c * plane + q], 1e-6, "masked out: black");
    }
    assertEquals(0f, out[0]);
  }

  @Test
  void degenerateBoxesGiveBlackOrOnePixelCrops() {
    int[] rgb = new int[16];
    java.util.Arrays.fill(rgb, 0x336699);
    ClipCrop.Image img = new ClipCrop.Image(4, 4, rgb);
    ClipCrop.MaskPixels all = (x, y) -> true;
    byte[] line = ClipCrop.pixels(img, all, new ClipCrop.Box(1, 0, 1, 3));
    for (byte b : line) {
      assertEquals(0, b, "w = 0: the reference's empty crop padded to a black square");
    }
    byte[] dot = ClipCrop.pixels(img, all, new ClipCrop.Box(2, 2, 2, 2));
    for (int i = 0; i < dot.length; i += 3) {
      assertArrayEquals(new int[] {0x33, 0x66, 0x99}, new int[] {dot[i] & 0xff, dot[i + 1] & 0xff, dot[i + 2] & 0xff});
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClipCrop.pixels(img, all, new ClipCrop.Box(0, 0, 4, 2)));
    assertTrue(e.getMessage().contains("inside the 4x4 image"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ClipCrop.Box(3, 0, 2, 1));
  }

  private static int[] colour(int rgb) {
    return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
  }

  private static int[] pixel(byte[] px, int x, int y) {
    int i = (y * 224 + x) * 3;
    return new int[] {px[i] & 0xff, px[i + 1] & 0xff, px[i + 2] & 0xff};
  }

  private static long[] rowSums(byte[] px) {
    long[] rows = new long[224];
    for (int i = 0; i < px.length; i++) {
      rows[i / (224 * 3)] += px[i] & 0xff;
    }
    return rows;
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
