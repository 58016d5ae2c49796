package org.gags.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic mask sets for tests and benchmarks, no model needed.
 *
 * <p>{@link #samLike} imitates what SAM's automatic generator returns from dense prompts after box
 * NMS: whole objects of many sizes (blobs made of overlapping ellipses, some with holes), parts
 * and sub-parts nested in them, near-duplicates (shifted, grown or trimmed copies), unions of two
 * masks and small specks (at least 50 pixels each on a large image). Predicted IoUs (0.699 to 1)
 * and stabilities (0.852 to 1) are multiples of 1/256, so that score ties occur. {@link #shapes}
 * draws independent rectangles, ellipses, blobs and speckle, and sometimes an empty mask.
 */
public final class SyntheticMasks {
  /**
   * SAM-like masks smaller than this (or than a thousandth of the image) are redrawn: SAM's cleanup
   * leaves few masks below 100 px.
   */
  static final int MIN_AREA = 50;

  private SyntheticMasks() {}

  /** {@code n} SAM-like records for a {@code width × height} image; prompt indices 0..n-1. */
  public static List<MaskRecord> samLike(long seed, int n, int width, int height) {
    BitMask.requireSize(width, height);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<BitMask> masks = new ArrayList<>(n);
    List<BitMask> parents = new ArrayList<>();
    double side = Math.min(width, height);
    int minArea = (int) Math.min(MIN_AREA, (long) width * height / 1000 + 1);
    int guard = 0;
    while (masks.size() < n && guard++ < 100 * n + 100) {
      double u = rnd.nextDouble();
      BitMask m;
      if (parents.isEmpty() || u < 0.22) {
        double r = side * Math.exp(Math.log(0.04) + rnd.nextDouble() * (Math.log(0.45) - Math.log(0.04)));
        m = blob(rnd, width, height, rnd.nextDouble() * width, rnd.nextDouble() * height, r);
        parents.add(m);
      } else if (u < 0.60) {
        BitMask parent = parents.get(rnd.nextInt(parents.size()));
        MaskBox b = parent.box();
        double pr = Math.max(b.x1() - b.x0(), b.y1() - b.y0()) / 2.0;
        double cx = b.x0() + rnd.nextDouble() * (b.x1() - b.x0() + 1);
        double cy = b.y0() + rnd.nextDouble() * (b.y1() - b.y0() + 1);
        m = blob(rnd, width, height, cx, cy, Math.max(2, pr * (0.25 + 0.5 * rnd.nextDouble()))).and(parent);
        parents.add(m);
      } else if (u < 0.82) {
        BitMask src = masks.isEmpty() ? parents.get(0) : masks.get(rnd.nextInt(masks.size()));
        m = nearDuplicate(rnd, src);
      } else if (u < 0.92) {
        BitMask a = parents.get(rnd.nextInt(parents.size()));
        BitMask c = parents.get(rnd.nextInt(parents.size()));
        m = a.or(c);
      } else {
        m = blob(rnd, width, height, rnd.nextDouble() * width, rnd.nextDouble() * height, 6 + 10 * rnd.nextDouble());
      }
      if (m.area() >= minArea) {
        masks.add(m);
      }
    }
    return withScores(rnd, masks);
  }

  /** {@code n} independent random shapes (rectangles, ellipses, blobs, speckle, rarely empty). */
  public static List<MaskRecord> shapes(long seed, int n, int width, int height) {
    BitMask.requireSize(width, height);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<BitMask> masks = new ArrayList<>(n);
    double side = Math.min(width, height);
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      double cx = rnd.nextDouble() * width;
      double cy = rnd.nextDouble() * height;
      double r = side * (0.03 + 0.5 * rnd.nextDouble() * rnd.nextDouble());
      if (u < 0.25) {
        BitMask.Builder b = new BitMask.Builder(width, height);
        int x0 = clamp((int) (cx - r * rnd.nextDouble() * 2), 0, width - 1);
        int y0 = clamp((int) (cy - r * rnd.nextDouble() * 2), 0, height - 1);
        int x1 = clamp((int) (cx + r * rnd.nextDouble() * 2), x0, width - 1);
        int y1 = clamp((int) (cy + r * rnd.nextDouble() * 2), y0, height - 1);
        for (int y = y0; y <= y1; y++) {
          b.setRun(y, x0, x1 + 1);
        }
        masks.add(b.build());
      } else if (u < 0.5) {
        BitMask.Builder b = new BitMask.Builder(width, height);
        ellipse(b, cx, cy, r * (0.3 + rnd.nextDouble()), r * (0.3 + rnd.nextDouble()), rnd.nextDouble() * Math.PI, true);
        masks.add(b.build());
      } else if (u < 0.8) {
        masks.add(blob(rnd, width, height, cx, cy, r));
      } else if (u < 0.97) {
        BitMask.Builder b = new BitMask.Builder(width, height);
        int x0 = clamp((int) (cx - r), 0, width - 1);
        int y0 = clamp((int) (cy - r), 0, height - 1);
        int x1 = clamp((int) (cx + r), 0, width - 1);
        int y1 = clamp((int) (cy + r), 0, height - 1);
        double density = 0.2 + 0.7 * rnd.nextDouble();
        for (int y = y0; y <= y1; y++) {
          for (int x = x0; x <= x1; x++) {
            if (rnd.nextDouble() < density) {
              b.set(x, y);
            }
          }
        }
        masks.add(b.build());
      } else {
        masks.add(BitMask.empty(width, height));
      }
    }
    return withScores(rnd, masks);
  }

  private static List<MaskRecord> withScores(SplittableRandom rnd, List<BitMask> masks) {
    List<MaskRecord> out = new ArrayList<>(masks.size());
    for (int i = 0; i < masks.size(); i++) {
      float iou = (float) ((179 + rnd.nextInt(78)) / 256.0); // 0.699 .. 1.0
      float stability = (float) ((218 + rnd.nextInt(39)) / 256.0); // 0.852 .. 1.0
      out.add(new MaskRecord(i, masks.get(i), iou, stability));
    }
    return out;
  }

  /** A union of 1-4 rotated ellipses around (cx, cy) of radius about r, sometimes with holes. */
  static BitMask blob(SplittableRandom rnd, int width, int height, double cx, double cy, double r) {
    BitMask.Builder b = new BitMask.Builder(width, height);
    int lobes = 1 + rnd.nextInt(4);
    for (int k = 0; k < lobes; k++) {
      double ox = k == 0 ? 0 : (rnd.nextDouble() - 0.5) * 1.2 * r;
      double oy = k == 0 ? 0 : (rnd.nextDouble() - 0.5) * 1.2 * r;
      ellipse(b, cx + ox, cy + oy, r * (0.3 + 0.7 * rnd.nextDouble()), r * (0.3 + 0.7 * rnd.nextDouble()),
          rnd.nextDouble() * Math.PI, true);
    }
    if (r > 6 && rnd.nextDouble() < 0.3) {
      int holes = 1 + rnd.nextInt(2);
      for (int k = 0; k < holes; k++) {
        double hr = r * (0.04 + 0.2 * rnd.nextDouble());
        ellipse(b, cx + (rnd.nextDouble() - 0.5) * r, cy + (rnd.nextDouble() - 0.5) * r, hr, hr * (0.5 + rnd.nextDouble()),
            rnd.nextDouble() * Math.PI, false);
      }
    }
    return b.build();
  }

  private static BitMask nearDuplicate(SplittableRandom rnd, BitMask src) {
    int w = src.width();
    int h = src.height();
    MaskBox sb = src.box();
    double r = Math.max(2, Math.max(sb.x1() - sb.x0(), sb.y1() - sb.y0()) / 2.0);
    double u = rnd.nextDouble();
    if (u < 0.4) {
      int dx = rnd.nextInt(7) - 3;
      int dy = rnd.nextInt(7) - 3;
      BitMask.Builder b = new BitMask.Builder(w, h);
      src.forEachRun((y, xs, xe) -> {
        int ny = y + dy;
        int a = Math.max(0, xs + dx);
        int e = Math.min(w, xe + dx);
        if (ny >= 0 && ny < h && a < e) {
          b.setRun(ny, a, e);
        }
      });
      return b.build();
    }
    double cx = sb.x0() + rnd.nextDouble() * (sb.x1() - sb.x0() + 1);
    double cy = sb.y0() + rnd.nextDouble() * (sb.y1() - sb.y0() + 1);
    if (u < 0.7) {
      return src.or(blob(rnd, w, h, cx, cy, r * (0.1 + 0.3 * rnd.nextDouble())));
    }
    BitMask keep = blob(rnd, w, h, (sb.x0() + sb.x1()) / 2.0, (sb.y0() + sb.y1()) / 2.0, r * (1.0 + rnd.nextDouble()));
    BitMask trimmed = src.and(keep);
    return trimmed.isEmpty() ? src : trimmed;
  }

  private static void ellipse(BitMask.Builder b, double cx, double cy, double rx, double ry, double angle, boolean set) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double ext = Math.max(rx, ry);
    int x0 = Math.max(0, (int) Math.floor(cx - ext));
    int x1 = Math.min(b.width - 1, (int) Math.ceil(cx + ext));
    int y0 = Math.max(0, (int) Math.floor(cy - ext));
    int y1 = Math.min(b.height - 1, (int) Math.ceil(cy + ext));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double u = (c * dx + s * dy) / rx;
        double v = (-s * dx + c * dy) / ry;
        if (u * u + v * v <= 1) {
          if (set) {
            b.set(x, y);
          } else {
            b.bits[y * b.wordsPerRow + (x >>> 6)] &= ~(1L << x);
          }
        }
      }
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
