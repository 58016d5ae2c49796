package org.gags.embed;

import java.awt.image.BufferedImage;
import org.gags.scene.RgbImage;

/**
 * The CLIP crop of one mask (METHOD 2.5), as LangSplat's {@code get_seg_img}, {@code pad_img} and
 * {@code cv2.resize(..., (224, 224))} make it:
 *
 * <ol>
 *   <li>pixels outside the mask become black (0, 0, 0);
 *   <li>the crop is the mask's box taken as the reference takes it: SAM gives an inclusive XYXY box
 *       (x0, y0, x1, y1) and turns it into XYWH with {@code w = x1 − x0}, {@code h = y1 − y0}, and
 *       {@code image[y:y+h, x:x+w]} then keeps rows y0..y1−1 and columns x0..x1−1, so the last row
 *       and column of the mask are cut off (the reference's off-by-one, kept on purpose);
 *   <li>the crop is padded with black to a square of side l = max(w, h), centred on the short axis
 *       at offset (l − w) / 2 or (l − h) / 2 (integer division);
 *   <li>the square is resized to 224×224 as OpenCV 4's {@code cv2.resize} does with its default
 *       {@code INTER_LINEAR} on uint8: half-pixel centres, edge replication, no antialiasing, 11-bit
 *       fixed-point weights, the horizontal pass in 32-bit integers and the vertical pass as
 *       OpenCV's SIMD kernel computes it ({@code ((S0>>4)·β0 >> 16) + ((S1>>4)·β1 >> 16)}, then
 *       {@code (t + 2) >> 2} saturated to 0..255); a square of side exactly 448 takes OpenCV's
 *       2× area shortcut ({@code (a + b + c + d + 2) >> 2}) and a square of side 224 is copied. This
 *       matches Debian's OpenCV 4.6 bit for bit on the cases in {@code ClipCropTest};
 *   <li>values are scaled to 0..1 and normalised with CLIP's mean and std, channels first (CHW).
 * </ol>
 *
 * <p>Degenerate boxes: with w = 0 or h = 0 (but not both) the reference pads an empty crop to an
 * all-black square and so does this; with w = h = 0 (a box of one pixel, x0 = x1 and y0 = y1) the
 * reference's {@code cv2.resize} would fail on an empty image, and this crops the single pixel
 * (x0, y0) instead (masked as usual), giving a uniform 224×224 crop.
 *
 * <p>{@link ClipCropReference} is the slow twin: it builds the padded square and resizes it with
 * plain bilinear arithmetic in double precision.
 */
public final class ClipCrop {
  /** Side of the crop CLIP's image tower reads. */
  public static final int SIZE = 224;
  /** Floats one crop fills: 3 × 224 × 224, channels first. */
  public static final int FLOATS = 3 * SIZE * SIZE;
  /** OpenCLIP's normalisation (OPENAI_DATASET_MEAN / STD), RGB. */
  public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

  /** (v / 255 − mean) / std for every 8-bit value, per channel. */
  private static final float[][] NORMALISED = new float[3][256];

  static {
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        NORMALISED[c][v] = (v / 255f - MEAN[c]) / STD[c];
      }
    }
  }

  static final int COEF_BITS = 11;
  static final int COEF_SCALE = 1 << COEF_BITS;

  private ClipCrop() {}

  /** Whether pixel (x, y) of the view lies in the mask. */
  @FunctionalInterface
  public interface MaskPixels {
    boolean get(int x, int y);
  }

  /**
   * An 8-bit RGB image, one int per pixel as {@code 0xRRGGBB} (higher bits ignored), row-major:
   * what {@link BufferedImage#getRGB} returns.
   */
  public record Image(int width, int height, int[] rgb) {
    public Image {
      if (width < 1 || height < 1 || rgb.length != (long) width * height) {
        throw new IllegalArgumentException("image must be at least 1x1 with width*height pixels, found "
            + width + "x" + height + " with " + rgb.length + " pixels");
      }
    }

    public static Image of(BufferedImage img) {
      int w = img.getWidth();
      int h = img.getHeight();
      return new Image(w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }

    public static Image of(RgbImage img) {
      return ofHwc(img.rgb(), img.width(), img.height());
    }

    /** From interleaved bytes R, G, B per pixel, row-major. */
    public static Image ofHwc(byte[] hwc, int width, int height) {
      if (hwc.length != 3L * width * height) {
        throw new IllegalArgumentException("HWC bytes must hold 3*" + width + "*" + height + ", found " + hwc.length);
      }
      int[] rgb = new int[width * height];
      for (int p = 0; p < rgb.length; p++) {
        rgb[p] = (hwc[3 * p] & 0xff) << 16 | (hwc[3 * p + 1] & 0xff) << 8 | (hwc[3 * p + 2] & 0xff);
      }
      return new Image(width, height, rgb);
    }

    int channel(int x, int y, int c) {
      return (rgb[y * width + x] >> (16 - 8 * c)) & 0xff;
    }
  }

  /** A mask's box as SAM gives it: inclusive pixel bounds, x0 ≤ x1 and y0 ≤ y1, inside the image. */
  public record Box(int x0, int y0, int x1, int y1) {
    public Box {
      if (x0 < 0 || y0 < 0 || x1 < x0 || y1 < y0) {
        throw new IllegalArgumentException("box must have 0 <= x0 <= x1 and 0 <= y0 <= y1, found "
            + "(" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + ")");
      }
    }

    /** The tightest inclusive box around the mask's pixels, or null for an empty mask. */
    public static Box around(MaskPixels mask, int width, int height) {
      int x0 = width, y0 = height, x1 = -1, y1 = -1;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          if (mask.get(x, y)) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
          }
        }
      }
      return x1 < 0 ? null : new Box(x0, y0, x1, y1);
    }
  }

  /**
   * The region of the view a crop reads and where it sits in the padded square: columns
   * {@code x0 .. x0+w−1}, rows {@code y0 .. y0+h−1}, placed at (ox, oy) in a square of side l.
   */
  record Layout(int x0, int y0, int w, int h, int l, int ox, int oy) {
    static Layout of(Box box, int imageWidth, int imageHeight) {
      if (box.x1() >= imageWidth || box.y1() >= imageHeight) {
        throw new IllegalArgumentException("box (" + box.x0() + ", " + box.y0() + ", " + box.x1() + ", " + box.y1()
            + ") must lie inside the " + imageWidth + "x" + imageHeight + " image");
      }
      int w = box.x1() - box.x0();
      int h = box.y1() - box.y0();
      if (w == 0 && h == 0) {
        w = 1;
        h = 1;
      }
      int l = Math.max(w, h);
      return h > w ? new Layout(box.x0(), box.y0(), w, h, l, (h - w) / 2, 0) : new Layout(box.x0(), box.y0(), w, h, l, 0, (w - h) / 2);
    }
  }

  /** The normalised crop: 3×224×224 floats, channels first. */
  public static float[] crop(Image image, MaskPixels mask, Box box) {
    float[] out = new float[FLOATS];
    cropInto(image, mask, box, out, 0);
    return out;
  }

  /** Writes the normalised crop into {@code out[offset .. offset + FLOATS)} (one item of a batch). */
  public static void cropInto(Image image, MaskPixels mask, Box box, float[] out, int offset) {
    normalize(pixels(image, mask, box), out, offset);
  }

  /** The resized crop before normalisation: 224×224×3 bytes, RGB interleaved, row-major (cv2's output). */
  public static byte[] pixels(Image image, MaskPixels mask, Box box) {
    Layout lay = Layout.of(box, image.width(), image.height());
    Padded src = new Padded(image, mask, lay);
    byte[] out = new byte[SIZE * SIZE * 3];
    if (lay.l() == SIZE) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          for (int c = 0; c < 3; c++) {
            out[(y * SIZE + x) * 3 + c] = (byte) src.get(x, y, c);
          }
        }
      }
    } else if (lay.l() == 2 * SIZE) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          for (int c = 0; c < 3; c++) {
            int s = src.get(2 * x, 2 * y, c) + src.get(2 * x + 1, 2 * y, c)
                + src.get(2 * x, 2 * y + 1, c) + src.get(2 * x + 1, 2 * y + 1, c);
            out[(y * SIZE + x) * 3 + c] = (byte) ((s + 2) >> 2);
          }
        }
      }
    } else {
      resizeLinear(src, lay.l(), out);
    }
    return out;
  }

  /** Scales 224×224×3 interleaved bytes to 0..1 and normalises them into CHW floats at {@code offset}. */
  public static void normalize(byte[] hwc, float[] out, int offset) {
    if (hwc.length != SIZE * SIZE * 3) {
      throw new IllegalArgumentException("expected " + SIZE * SIZE * 3 + " bytes (224x224x3), found " + hwc.length);
    }
    if (offset < 0 || offset + FLOATS > out.length) {
      throw new IllegalArgumentException("a crop needs " + FLOATS + " floats at offset " + offset + ", the array holds " + out.length);
    }
    float[][] lut = NORMALISED;
    int plane = SIZE * SIZE;
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        out[offset + c * plane + p] = lut[c][hwc[3 * p + c] & 0xff];
      }
    }
  }

  /** OpenCV's fixed-point linear resize of the l×l padded square to 224×224 (l ≠ 224, 448). */
  private static void resizeLinear(Padded src, int l, byte[] out) {
    double scale = (double) l / SIZE; // 1 / inv_scale, inv_scale = 224 / l
    int[] xofs = new int[SIZE];
    short[] alpha = new short[2 * SIZE];
    int xmax = SIZE;
    for (int dx = 0; dx < SIZE; dx++) {
      float fx = (float) ((dx + 0.5) * scale - 0.5);
      int sx = (int) Math.floor(fx);
      fx -= sx;
      if (sx < 0) {
        fx = 0;
        sx = 0;
      }
      if (sx + 1 >= l) {
        xmax = Math.min(xmax, dx);
        if (sx >= l - 1) {
          fx = 0;
          sx = l - 1;
        }
      }
      xofs[dx] = sx;
      alpha[2 * dx] = toShort((1f - fx) * COEF_SCALE);
      alpha[2 * dx + 1] = toShort(fx * COEF_SCALE);
    }
    int[] yofs = new int[SIZE];
    short[] beta = new short[2 * SIZE];
    for (int dy = 0; dy < SIZE; dy++) {
      float fy = (float) ((dy + 0.5) * scale - 0.5);
      int sy = (int) Math.floor(fy);
      fy -= sy;
      yofs[dy] = sy;
      beta[2 * dy] = toShort((1f - fy) * COEF_SCALE);
      beta[2 * dy + 1] = toShort(fy * COEF_SCALE);
    }
    int width = SIZE * 3;
    int[] rowA = new int[width];
    int[] rowB = new int[width];
    int rowAIndex = Integer.MIN_VALUE;
    int rowBIndex = Integer.MIN_VALUE;
    for (int dy = 0; dy < SIZE; dy++) {
      int s0 = clamp(yofs[dy], l);
      int s1 = clamp(yofs[dy] + 1, l);
      // Keep the two source rows of this output row, reusing what the previous row computed.
      if (s0 != rowAIndex) {
        if (s0 == rowBIndex) {
          int[] t = rowA;
          rowA = rowB;
          rowB = t;
          rowAIndex = s0;
          rowBIndex = Integer.MIN_VALUE;
        } else {
          horizontal(src, s0, xofs, alpha, xmax, rowA);
          rowAIndex = s0;
        }
      }
      int[] r1;
      if (s1 == rowAIndex) {
        r1 = rowA;
      } else {
        if (s1 != rowBIndex) {
          horizontal(src, s1, xofs, alpha, xmax, rowB);
          rowBIndex = s1;
        }
        r1 = rowB;
      }
      int b0 = beta[2 * dy];
      int b1 = beta[2 * dy + 1];
      int o = dy * width;
      for (int x = 0; x < width; x++) {
        out[o + x] = (byte) verticalSimd(rowA[x], r1[x], b0, b1);
      }
    }
  }

  /** One source row through OpenCV's horizontal pass: values scaled by 2048, 3 per output pixel. */
  private static void horizontal(Padded src, int sy, int[] xofs, short[] alpha, int xmax, int[] row) {
    for (int dx = 0; dx < SIZE; dx++) {
      int sx = xofs[dx];
      int p0 = src.pixel(sx, sy);
      if (dx < xmax) {
        int p1 = src.pixel(sx + 1, sy);
        int a0 = alpha[2 * dx];
        int a1 = alpha[2 * dx + 1];
        for (int c = 0; c < 3; c++) {
          row[dx * 3 + c] = channel(p0, c) * a0 + channel(p1, c) * a1;
        }
      } else {
        for (int c = 0; c < 3; c++) {
          row[dx * 3 + c] = channel(p0, c) * COEF_SCALE;
        }
      }
    }
  }

  private static int channel(int rgb, int c) {
    return (rgb >> (16 - 8 * c)) & 0xff;
  }

  /** OpenCV's {@code VResizeLinearVec_32s8u} for one value. */
  static int verticalSimd(int s0, int s1, int b0, int b1) {
    int a = (saturateShort(s0 >> 4) * b0) >> 16;
    int b = (saturateShort(s1 >> 4) * b1) >> 16;
    int v = (a + b + 2) >> 2; // OpenCV's 16-bit add saturates, but a + b stays within 0..2040 here
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** OpenCV's {@code saturate_cast<short>(float)}: round half to even, then clamp. */
  static short toShort(float v) {
    long r = Math.round(Math.rint(v));
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  private static int saturateShort(int v) {
    return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
  }

  private static int clamp(int v, int n) {
    return v < 0 ? 0 : Math.min(v, n - 1);
  }

  /** The padded square, read on demand: black outside the crop and outside the mask. */
  static final class Padded {
    private final Image image;
    private final MaskPixels mask;
    private final Layout lay;

    Padded(Image image, MaskPixels mask, Layout lay) {
      this.image = image;
      this.mask = mask;
      this.lay = lay;
    }

    /** Padded pixel (px, py) as 0xRRGGBB, 0 ≤ px, py < l. */
    int pixel(int px, int py) {
      int cx = px - lay.ox();
      int cy = py - lay.oy();
      if (cx < 0 || cy < 0 || cx >= lay.w() || cy >= lay.h()) {
        return 0;
      }
      int x = lay.x0() + cx;
      int y = lay.y0() + cy;
      return mask.get(x, y) ? image.rgb()[y * image.width() + x] & 0xffffff : 0;
    }

    /** Channel c of padded pixel (px, py). */
    int get(int px, int py, int c) {
      return channel(pixel(px, py), c);
    }
  }
}
