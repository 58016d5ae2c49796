package org.gags.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gags.io.AtomicFiles;
import org.gags.scene.LabelObject;
import org.gags.scene.RgbImage;

/**
 * Draws one query's result over its frame for a person to judge, in four layers, each drawn pixel
 * by pixel (no anti-aliasing, so the picture is exact and testable):
 *
 * <ol>
 *   <li>the relevancy, min-max normalised over the frame as the protocol normalises it ({@link
 *       Segmentation#normalize}), through {@link #colour} and blended 55% over the photo (blue for
 *       the least relevant, red for the most);
 *   <li>the predicted mask's outline in white: mask pixels with a 4-neighbour outside the mask or
 *       on the image border;
 *   <li>each ground-truth box of the category in green: the pixels on the border of the box's
 *       inclusive extent (the localisation test's bounds), clipped to the image;
 *   <li>the predicted point in magenta: a plus sign centred on the first localisation candidate in
 *       row-major order (every candidate is tied at the maximum of box30; the hit counts any).
 * </ol>
 */
public final class Heatmap {
  public static final int MASK_OUTLINE = 0xffffff;
  public static final int BOX = 0x00ff00;
  public static final int MARKER = 0xff00ff;
  /** Percentage of the colour map in the blend over the photo. */
  public static final int COLOUR_PERCENT = 55;

  private static final int[][] RAMP = {
    {0, 0, 128}, {0, 128, 255}, {0, 210, 120}, {255, 220, 0}, {220, 0, 0},
  };

  private Heatmap() {}

  /**
   * The picture of {@code score} (from {@link FrameScorer#score} on {@code relevancy}) against
   * {@code objects}, the category's label objects, over {@code photo}.
   *
   * @throws IllegalArgumentException when the photo, the map and the masks are not of one size
   */
  public static BufferedImage draw(RgbImage photo, float[] relevancy, FrameScore score, List<LabelObject> objects) {
    int w = photo.width();
    int h = photo.height();
    if (relevancy.length != w * h || score.predictedMask().length != w * h) {
      throw new IllegalArgumentException("heatmap: expected a relevancy map and mask of the photo's " + w + " x " + h
          + " = " + w * h + " pixels, found " + relevancy.length + " and " + score.predictedMask().length);
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    blend(img, photo, relevancy);
    outline(img, score.predictedMask());
    for (double[] b : Localization.boxes(objects)) {
      box(img, b);
    }
    if (!score.candidates().isEmpty()) {
      marker(img, score.candidates().get(0));
    }
    return img;
  }

  /** Writes {@code img} as a PNG, atomically. */
  public static void write(Path file, BufferedImage img) {
    AtomicFiles.writeStream(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer in this JVM");
      }
    });
  }

  /**
   * The file name of a frame's heatmap for a category: {@code <frame>__<category>.png}, the category
   * with letters and digits kept, spaces as {@code _} and any other character as {@code ~} and its
   * four hex digits (so names are distinct per category, safe in file systems and in URLs).
   */
  public static String fileName(String frame, String category) {
    StringBuilder s = new StringBuilder(frame).append("__");
    for (int i = 0; i < category.length(); i++) {
      char c = category.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        s.append(c);
      } else if (c == ' ') {
        s.append('_');
      } else {
        s.append('~').append(String.format("%04x", (int) c));
      }
    }
    return s.append(".png").toString();
  }

  /** The colour map at {@code t} in [0, 1] (clamped): navy, blue, green, yellow, red, linearly between. */
  public static int colour(float t) {
    float u = Math.min(1f, Math.max(0f, t)) * (RAMP.length - 1);
    int i = Math.min((int) u, RAMP.length - 2);
    float f = u - i;
    int rgb = 0;
    for (int ch = 0; ch < 3; ch++) {
      int v = Math.round(RAMP[i][ch] + f * (RAMP[i + 1][ch] - RAMP[i][ch]));
      rgb = rgb << 8 | v;
    }
    return rgb;
  }

  /** {@code (photo * (100 - p) + colour * p) / 100} per channel, p = {@link #COLOUR_PERCENT}. */
  public static int mix(int photoRgb, int colourRgb) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = photoRgb >> shift & 0xff;
      int b = colourRgb >> shift & 0xff;
      out |= ((a * (100 - COLOUR_PERCENT) + b * COLOUR_PERCENT) / 100) << shift;
    }
    return out;
  }

  private static void blend(BufferedImage img, RgbImage photo, float[] v) {
    float[] t = Segmentation.normalize(v);
    int w = photo.width();
    for (int y = 0; y < photo.height(); y++) {
      for (int x = 0; x < w; x++) {
        int p = photo.get(x, y, 0) << 16 | photo.get(x, y, 1) << 8 | photo.get(x, y, 2);
        img.setRGB(x, y, mix(p, colour(t[y * w + x])));
      }
    }
  }

  private static void outline(BufferedImage img, boolean[] mask) {
    int w = img.getWidth();
    int h = img.getHeight();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] && (x == 0 || y == 0 || x == w - 1 || y == h - 1 || !mask[y * w + x - 1]
            || !mask[y * w + x + 1] || !mask[(y - 1) * w + x] || !mask[(y + 1) * w + x])) {
          img.setRGB(x, y, MASK_OUTLINE);
        }
      }
    }
  }

  /** The border pixels of the integer pixels inside {@code min(x1,x2) <= x <= max(x1,x2)} (same for y). */
  private static void box(BufferedImage img, double[] b) {
    int x0 = (int) Math.ceil(Math.min(b[0], b[2]));
    int x1 = (int) Math.floor(Math.max(b[0], b[2]));
    int y0 = (int) Math.ceil(Math.min(b[1], b[3]));
    int y1 = (int) Math.floor(Math.max(b[1], b[3]));
    for (int x = x0; x <= x1; x++) {
      set(img, x, y0, BOX);
      set(img, x, y1, BOX);
    }
    for (int y = y0; y <= y1; y++) {
      set(img, x0, y, BOX);
      set(img, x1, y, BOX);
    }
  }

  /** A plus sign with arms of {@link #armLength} pixels. */
  private static void marker(BufferedImage img, Pixel p) {
    int arm = armLength(img.getWidth(), img.getHeight());
    for (int d = -arm; d <= arm; d++) {
      set(img, p.x() + d, p.y(), MARKER);
      set(img, p.x(), p.y() + d, MARKER);
    }
  }

  /** The marker's arm: a sixtieth of the shorter side, at least 4 pixels. */
  public static int armLength(int width, int height) {
    return Math.max(4, Math.min(width, height) / 60);
  }

  private static void set(BufferedImage img, int x, int y, int rgb) {
    if (x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight()) {
      img.setRGB(x, y, rgb);
    }
  }
}
