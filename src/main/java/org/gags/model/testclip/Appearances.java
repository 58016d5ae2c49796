package org.gags.model.testclip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gags.embed.ClipCrop;

/**
 * The characteristic appearance of each thing the test model has words for: a small drawing (a
 * "sprite") of the thing as the sample scene's cameras see it, in its colours from the scene's
 * layout ({@code org.gags.synth.TabletopLayout}) and with its typical silhouette (a mug's body with
 * its ring handle, a bottle's tall outline, the scattered dots of chocolate chips...). Each sprite
 * is drawn with code only, at two sizes (about 200 px, and a fifth of that, whose upscaled crop is
 * blurred like a far-away object's), cropped with {@link ClipCrop} like a mask of a real view, and
 * embedded by the image tower; a thing's appearance is the mean of its unit embeddings.
 */
final class Appearances {
  private static final int CANVAS = 240;

  private Appearances() {}

  /** Things, in a fixed order, each with its drawings (variants). */
  static Map<String, List<Consumer<Canvas>>> sprites() {
    Map<String, List<Consumer<Canvas>>> s = new LinkedHashMap<>();
    s.put("table", List.of(Appearances::table, c -> {
      c.scaleY = 0.6;
      table(c);
    }));
    s.put("mug", List.of(c -> mug(c, true), c -> mug(c, false)));
    s.put("mug handle", List.of(c -> handle(c, 1.0), c -> handle(c, 0.55)));
    s.put("logo", List.of(c -> c.rect(100, 100, 140, 146, LOGO), c -> c.rect(110, 100, 132, 146, LOGO)));
    s.put("coffee", List.of(c -> c.ellipse(120, 120, 60, 20, COFFEE), c -> c.ellipse(120, 120, 60, 34, COFFEE)));
    s.put("bottle", List.of(Appearances::bottle));
    s.put("bottle cap", List.of(c -> {
      c.rect(109, 110, 131, 130, ORANGE);
      c.ellipse(120, 110, 11, 4, ORANGE);
      c.ellipse(120, 130, 11, 4, ORANGE);
    }));
    s.put("bottle label", List.of(c -> {
      c.rect(96, 100, 144, 136, CREAM);
      c.ellipse(120, 136, 24, 7, CREAM);
    }));
    s.put("book", List.of(Appearances::book));
    s.put("book title", List.of(c -> c.polygon(GOLD, 60, 120, 180, 98, 184, 116, 64, 138),
        c -> c.polygon(GOLD, 70, 110, 170, 104, 171, 118, 71, 124)));
    s.put("apple", List.of(Appearances::apple));
    s.put("apple stem", List.of(c -> c.rect(112, 100, 128, 140, STEM), c -> c.polygon(STEM, 110, 100, 122, 100, 130, 140, 118, 140)));
    s.put("leaf", List.of(c -> c.ellipse(120, 120, 22, 9, LEAF), c -> c.ellipse(120, 120, 22, 14, LEAF)));
    s.put("plate", List.of(Appearances::plate));
    s.put("cookie", List.of(c -> cookie(c, 120, 120, 1.0)));
    s.put("chocolate chips", List.of(c -> chips(c, 120, 120, 1.0, CHIP_SEEN)));
    return s;
  }

  // Colours of org.gags.synth.TabletopLayout.
  static final double[] WOOD = {0.56, 0.37, 0.20};
  static final double[] TABLE_EDGE = {0.42, 0.27, 0.15};
  static final double[] WHITE = {0.93, 0.93, 0.90};
  static final double[] LOGO = {0.12, 0.30, 0.85};
  static final double[] COFFEE = {0.30, 0.16, 0.07};
  static final double[] HANDLE = {0.08, 0.08, 0.09};
  static final double[] GLASS = {0.12, 0.52, 0.22};
  static final double[] CREAM = {0.96, 0.90, 0.68};
  static final double[] ORANGE = {0.96, 0.45, 0.08};
  static final double[] COVER = {0.10, 0.14, 0.45};
  static final double[] GOLD = {0.92, 0.76, 0.20};
  static final double[] PAGES = {0.92, 0.90, 0.82};
  static final double[] RED = {0.78, 0.10, 0.08};
  static final double[] STEM = {0.38, 0.22, 0.08};
  static final double[] LEAF = {0.22, 0.68, 0.18};
  static final double[] PLATE = {0.97, 0.97, 0.97};
  static final double[] RIM = {0.72, 0.80, 0.90};
  static final double[] COOKIE = {0.80, 0.60, 0.32};
  static final double[] COOKIE_SIDE = {0.74, 0.54, 0.28};
  static final double[] CHIP = {0.20, 0.10, 0.05};
  /** Chips as the cameras see them: 11 mm blobs whose pixels mix with the cookie around them. */
  static final double[] CHIP_SEEN = {0.27, 0.17, 0.09};

  private static void table(Canvas c) {
    c.paint((x, y) -> y >= 30 && y < 210, (x, y) -> {
      double g = 0.5 + 0.5 * StrictMath.sin(x * 0.35 + 4 * StrictMath.sin(y * 0.05));
      return y >= 198 ? TABLE_EDGE : new double[] {0.50 + 0.12 * g, 0.33 + 0.08 * g, 0.18 + 0.05 * g};
    });
    // Objects standing on it are other entities: holes in its mask.
    c.clearEllipse(60, 80, 16, 22);
    c.clearEllipse(170, 70, 12, 30);
    c.clearEllipse(120, 150, 26, 12);
    c.clearEllipse(190, 160, 14, 12);
  }

  private static void mug(Canvas c, boolean logo) {
    c.ellipse(120, 190, 50, 14, WHITE);
    c.rect(70, 80, 170, 190, WHITE);
    c.ellipse(120, 80, 50, 16, WHITE);
    c.ellipse(120, 80, 46, 13, COFFEE);
    c.annulus(170, 135, 34, 19, -90, 90, HANDLE);
    if (logo) {
      c.rect(100, 110, 132, 160, LOGO);
    }
  }

  private static void handle(Canvas c, double squeeze) {
    c.scaleX = squeeze;
    c.annulus(120, 120, 40, 22, -90, 90, HANDLE);
  }

  private static void bottle(Canvas c) {
    c.ellipse(120, 200, 24, 6, GLASS);
    c.rect(96, 104, 144, 200, GLASS);
    c.rect(96, 134, 144, 170, CREAM);
    c.ellipse(120, 170, 24, 6, CREAM);
    c.polygon(GLASS, 96, 104, 144, 104, 129, 80, 111, 80);
    c.rect(111, 60, 129, 80, GLASS);
    c.rect(109, 44, 131, 62, ORANGE);
    c.ellipse(120, 44, 11, 4, ORANGE);
  }

  private static void book(Canvas c) {
    c.polygon(COVER, 40, 100, 190, 80, 210, 140, 60, 165);
    c.polygon(COVER, 60, 165, 210, 140, 210, 158, 60, 183);
    c.polygon(PAGES, 190, 80, 210, 140, 210, 158, 190, 98);
    c.polygon(GOLD, 90, 120, 160, 110, 164, 124, 94, 134);
  }

  private static void apple(Canvas c) {
    c.paint((x, y) -> sq((x - 120) / 54) + sq((y - 130) / 54) <= 1,
        (x, y) -> new double[] {RED[0] + 0.1 * StrictMath.sin(5 * (y - 130) / 54), RED[1], RED[2]});
    c.rect(118, 66, 122, 80, STEM);
    c.ellipse(134, 76, 14, 5, LEAF);
  }

  private static void plate(Canvas c) {
    c.ellipse(120, 130, 104, 46, RIM);
    c.ellipse(120, 130, 96, 41, PLATE);
    cookie(c, 124, 128, 0.9);
  }

  private static void cookie(Canvas c, double cx, double cy, double s) {
    c.ellipse(cx, cy + 4 * s, 40 * s, 18 * s, COOKIE_SIDE);
    c.ellipse(cx, cy, 40 * s, 18 * s, COOKIE);
    chips(c, cx, cy, s, CHIP);
  }

  /** The six chips of the layout: at angle 2.1k + 0.4 and radius 12 + 4(k mod 3) of a 40-radius cookie. */
  private static void chips(Canvas c, double cx, double cy, double s, double[] colour) {
    for (int k = 0; k < 6; k++) {
      double a = 2.1 * k + 0.4;
      double r = (12 + 4 * (k % 3)) * s;
      c.ellipse(cx + r * StrictMath.cos(a), cy + 0.45 * r * StrictMath.sin(a), 5.5 * s, 3.2 * s, colour);
    }
  }

  /**
   * The normalised crops of a thing's sprites: each variant drawn at full size and at a fifth of
   * it, as 3×224×224 floats one after another.
   */
  static float[] crops(List<Consumer<Canvas>> variants) {
    double[] sizes = {1.0, 0.2};
    float[] all = new float[variants.size() * sizes.length * ClipCrop.FLOATS];
    for (int v = 0; v < variants.size(); v++) {
      for (int s = 0; s < sizes.length; s++) {
        Canvas c = new Canvas(sizes[s]);
        variants.get(v).accept(c);
        c.cropInto(all, (v * sizes.length + s) * ClipCrop.FLOATS);
      }
    }
    return all;
  }

  static int cropCount(List<Consumer<Canvas>> variants) {
    return 2 * variants.size();
  }

  /**
   * A drawing surface of CANVAS×CANVAS design units shrunk by {@code size}: shapes are given in
   * design units (about the centre 120, 120), filled where a pixel centre falls inside, and the
   * painted pixels are the mask.
   */
  static final class Canvas {
    final double size;
    final int n;
    final int[] rgb;
    final boolean[] mask;
    double scaleX = 1;
    double scaleY = 1;

    Canvas(double size) {
      this.size = size;
      this.n = (int) Math.round(CANVAS * size);
      this.rgb = new int[n * n];
      this.mask = new boolean[n * n];
    }

    /** Design coordinates of pixel (px, py)'s centre. */
    private double ux(int px) {
      return 120 + ((px + 0.5) / size - 120) / scaleX;
    }

    private double uy(int py) {
      return 120 + ((py + 0.5) / size - 120) / scaleY;
    }

    void rect(double x0, double y0, double x1, double y1, double[] colour) {
      fill(x0, y0, x1, y1, (x, y) -> x >= x0 && x <= x1 && y >= y0 && y <= y1, colour);
    }

    void ellipse(double cx, double cy, double rx, double ry, double[] colour) {
      fill(cx - rx, cy - ry, cx + rx, cy + ry, (x, y) -> sq((x - cx) / rx) + sq((y - cy) / ry) <= 1, colour);
    }

    void clearEllipse(double cx, double cy, double rx, double ry) {
      for (int py = 0; py < n; py++) {
        for (int px = 0; px < n; px++) {
          if (sq((ux(px) - cx) / rx) + sq((uy(py) - cy) / ry) <= 1) {
            rgb[py * n + px] = 0;
            mask[py * n + px] = false;
          }
        }
      }
    }

    /** A ring between radii rIn and rOut, angles (degrees, 0 = +x, 90 = down) from a0 to a1. */
    void annulus(double cx, double cy, double rOut, double rIn, double a0, double a1, double[] colour) {
      fill(cx - rOut, cy - rOut, cx + rOut, cy + rOut, (x, y) -> {
        double d = StrictMath.hypot(x - cx, y - cy);
        double a = Math.toDegrees(StrictMath.atan2(y - cy, x - cx));
        return d <= rOut && d >= rIn && a >= a0 && a <= a1;
      }, colour);
    }

    /** A convex polygon given as x, y pairs in order. */
    void polygon(double[] colour, double... xy) {
      double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
      for (int i = 0; i < xy.length; i += 2) {
        x0 = Math.min(x0, xy[i]);
        x1 = Math.max(x1, xy[i]);
        y0 = Math.min(y0, xy[i + 1]);
        y1 = Math.max(y1, xy[i + 1]);
      }
      fill(x0, y0, x1, y1, (x, y) -> {
        int sign = 0;
        for (int i = 0; i < xy.length; i += 2) {
          int j = (i + 2) % xy.length;
          double cross = (xy[j] - xy[i]) * (y - xy[i + 1]) - (xy[j + 1] - xy[i + 1]) * (x - xy[i]);
          int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
          if (s != 0) {
            if (sign != 0 && s != sign) {
              return false;
            }
            sign = s;
          }
        }
        return true;
      }, colour);
    }

    /** Paints a shape lying within the design-unit box (x0, y0)–(x1, y1) in one colour. */
    private void fill(double x0, double y0, double x1, double y1, Inside shape, double[] colour) {
      int px0 = Math.max(0, (int) Math.floor(px(x0)) - 1);
      int px1 = Math.min(n - 1, (int) Math.ceil(px(x1)) + 1);
      int py0 = Math.max(0, (int) Math.floor(py(y0)) - 1);
      int py1 = Math.min(n - 1, (int) Math.ceil(py(y1)) + 1);
      for (int py = py0; py <= py1; py++) {
        for (int px = px0; px <= px1; px++) {
          if (shape.test(ux(px), uy(py))) {
            paint(px, py, colour);
          }
        }
      }
    }

    /** Paints the pixels whose centre is inside {@code shape} with the colour there. */
    void paint(Inside shape, Colour colour) {
      for (int py = 0; py < n; py++) {
        for (int px = 0; px < n; px++) {
          double x = ux(px), y = uy(py);
          if (shape.test(x, y)) {
            paint(px, py, colour.at(x, y));
          }
        }
      }
    }

    /** Pixel coordinate (not centre-corrected) of design coordinate x, the inverse of ux. */
    private double px(double x) {
      return ((x - 120) * scaleX + 120) * size;
    }

    private double py(double y) {
      return ((y - 120) * scaleY + 120) * size;
    }

    private void paint(int px, int py, double[] colour) {
      int v = 0;
      for (int c = 0; c < 3; c++) {
        v = v << 8 | (int) Math.round(Math.max(0, Math.min(1, colour[c])) * 255);
      }
      rgb[py * n + px] = v;
      mask[py * n + px] = true;
    }

    void cropInto(float[] out, int offset) {
      ClipCrop.MaskPixels m = (x, y) -> mask[y * n + x];
      ClipCrop.Box box = ClipCrop.Box.around(m, n, n);
      if (box == null) {
        throw new IllegalStateException("a sprite drew nothing at size " + size);
      }
      ClipCrop.cropInto(new ClipCrop.Image(n, n, rgb), m, box, out, offset);
    }

  }

  /** A region in design units. */
  interface Inside {
    boolean test(double x, double y);
  }

  /** A colour as a function of design position. */
  interface Colour {
    double[] at(double x, double y);
  }

  static double sq(double v) {
    return v * v;
  }
}
