package org.gags.segment;

import java.util.ArrayList;
import java.util.List;
import org.gags.util.Parallel;

/**
 * Step 3 of the per-level filtering, SAM's {@code postprocess_small_regions}: fill small holes and
 * remove small islands of every mask ({@link #remove}), score each mask 1 when neither pass changed
 * it and 0 otherwise, recompute the boxes from the new masks and run {@link BoxNms} again with
 * those scores.
 *
 * <p>{@link #remove} is SAM's {@code remove_small_regions}, which labels 8-connected components
 * with OpenCV ({@code cv2.connectedComponentsWithStats(working_mask, 8)}):
 *
 * <ul>
 *   <li>holes: the components of the inverted mask smaller than the minimum area are added to the
 *       mask. The area outside the mask is such a component too (or two, when the mask spans the
 *       image from side to side), so a small outer background is filled as well.
 *   <li>islands: the components of the mask smaller than the minimum area are removed; when every
 *       component is small, the largest is kept, the first of equal largest ones in OpenCV's label
 *       order ({@code np.argmax}).
 *   <li>either way the mask counts as changed as soon as one small component exists.
 * </ul>
 *
 * <p>OpenCV's label order: its default 8-connectivity algorithms (BBDT, and Spaghetti in newer
 * versions, serial or parallel) label 2×2 blocks in raster order of the blocks, so components are
 * numbered by the first 2×2 block (row pair, then column pair) they touch, not by their first
 * pixel in raster order (OpenCV's documentation: "SAUF algorithm forces a row major ordering of
 * labels while Spaghetti and BBDT do not"). The two orders differ only for components that start
 * on the same pair of rows, and matter only for a tie between equal largest islands that are all
 * small.
 *
 * <p>The labelling runs over the mask's box grown by one pixel, not the whole image: outside the
 * box the inverted mask is all set, so the outside joins the components of the one-pixel ring
 * around the box, and its pixel count is added to them.
 */
public final class SmallRegions {
  private SmallRegions() {}

  /** Which components {@link #remove} looks at. */
  public enum Mode {
    /** Components of the inverted mask; small ones are filled. */
    HOLES,
    /** Components of the mask; small ones are removed. */
    ISLANDS
  }

  /**
   * A mask after one {@link #remove} pass.
   *
   * @param mask the new mask (the input instance when unchanged)
   * @param changed whether a component smaller than the minimum area existed
   */
  public record Cleaned(BitMask mask, boolean changed) {}

  /** SAM's {@code remove_small_regions(mask, minArea, mode)}. */
  public static Cleaned remove(BitMask mask, int minArea, Mode mode) {
    if (minArea < 0) {
      throw new IllegalArgumentException("minimum region area must be >= 0, found " + minArea);
    }
    return mode == Mode.HOLES ? fillHoles(mask, minArea) : removeIslands(mask, minArea);
  }

  /**
   * SAM's {@code postprocess_small_regions} on one level's records (in their current order):
   * holes then islands per mask, then box NMS at {@code nmsThresh} scored 1 (unchanged) / 0
   * (changed). The result is in that NMS's order: unchanged masks first, each group in input order.
   * With {@code minArea == 0} the records are returned as they are (SAM skips the step).
   */
  public static List<MaskRecord> postprocess(List<MaskRecord> records, int minArea, double nmsThresh, int threads) {
    if (minArea == 0 || records.isEmpty()) {
      return List.copyOf(records);
    }
    int n = records.size();
    MaskRecord[] cleaned = new MaskRecord[n];
    float[] scores = new float[n];
    Parallel.forEach(n, threads, i -> {
      MaskRecord r = records.get(i);
      Cleaned holes = remove(r.mask(), minArea, Mode.HOLES);
      Cleaned islands = remove(holes.mask(), minArea, Mode.ISLANDS);
      cleaned[i] = holes.changed() || islands.changed() ? r.withMask(islands.mask()) : r;
      scores[i] = holes.changed() || islands.changed() ? 0f : 1f;
    });
    List<MaskBox> boxes = new ArrayList<>(n);
    for (MaskRecord r : cleaned) {
      boxes.add(r.box());
    }
    int[] kept = BoxNms.keep(boxes, scores, nmsThresh);
    List<MaskRecord> out = new ArrayList<>(kept.length);
    for (int k : kept) {
      out.add(cleaned[k]);
    }
    return out;
  }

  private static Cleaned removeIslands(BitMask mask, int minArea) {
    if (mask.isEmpty()) {
      return new Cleaned(mask, false); // no component at all
    }
    MaskBox b = mask.box();
    Region r = new Region(mask.width(), mask.height(), b.x0(), b.y0(), b.x1(), b.y1());
    mask.forEachRun((y, xs, xe) -> r.fill(y, xs, xe, (byte) 1));
    Components c = Components.label(r);
    boolean anySmall = false;
    boolean anyBig = false;
    for (int k = 0; k < c.count; k++) {
      if (c.sizes[k] < minArea) {
        anySmall = true;
      } else {
        anyBig = true;
      }
    }
    if (!anySmall) {
      return new Cleaned(mask, false);
    }
    boolean[] keep = new boolean[c.count];
    if (anyBig) {
      for (int k = 0; k < c.count; k++) {
        keep[k] = c.sizes[k] >= minArea;
      }
    } else {
      int best = 0;
      for (int k = 1; k < c.count; k++) {
        if (c.sizes[k] > c.sizes[best] || (c.sizes[k] == c.sizes[best] && c.orderKeys[k] < c.orderKeys[best])) {
          best = k;
        }
      }
      keep[best] = true;
    }
    BitMask.Builder out = new BitMask.Builder(mask.width(), mask.height());
    for (int y = 0; y < r.h; y++) {
      for (int x = 0; x < r.w; x++) {
        int l = c.labels[y * r.w + x];
        if (l >= 0 && keep[l]) {
          out.set(r.x0 + x, r.y0 + y);
        }
      }
    }
    return new Cleaned(out.build(), true);
  }

  private static Cleaned fillHoles(BitMask mask, int minArea) {
    int width = mask.width();
    int height = mask.height();
    if (mask.isEmpty()) {
      // The inverted mask is one component: the whole image.
      if ((long) width * height < minArea) {
        BitMask.Builder full = new BitMask.Builder(width, height);
        for (int y = 0; y < height; y++) {
          full.setRun(y, 0, width);
        }
        return new Cleaned(full.build(), true);
      }
      return new Cleaned(mask, false);
    }
    MaskBox b = mask.box();
    int ex0 = Math.max(0, b.x0() - 1);
    int ey0 = Math.max(0, b.y0() - 1);
    int ex1 = Math.min(width - 1, b.x1() + 1);
    int ey1 = Math.min(height - 1, b.y1() + 1);
    Region r = new Region(width, height, ex0, ey0, ex1, ey1);
    java.util.Arrays.fill(r.grid, (byte) 1);
    mask.forEachRun((y, xs, xe) -> r.fill(y, xs, xe, (byte) 0));
    Components c = Components.label(r);
    long[] sizes = new long[c.count];
    for (int k = 0; k < c.count; k++) {
      sizes[k] = c.sizes[k];
    }
    // The outside of the grown box: whole rows above and below, and the side strips beside it.
    // Each piece touches only a ring line of the region that is entirely set, so it joins that
    // line's component.
    int rows = ey1 - ey0 + 1;
    int above = ey0 > 0 ? c.labelAt(r, ex0, ey0) : -1;
    int below = ey1 < height - 1 ? c.labelAt(r, ex0, ey1) : -1;
    int left = ex0 > 0 ? c.labelAt(r, ex0, ey0) : -1;
    int right = ex1 < width - 1 ? c.labelAt(r, ex1, ey0) : -1;
    if (above >= 0) {
      sizes[above] += (long) ey0 * width;
    }
    if (below >= 0) {
      sizes[below] += (long) (height - 1 - ey1) * width;
    }
    if (left >= 0) {
      sizes[left] += (long) ex0 * rows;
    }
    if (right >= 0) {
      sizes[right] += (long) (width - 1 - ex1) * rows;
    }
    boolean[] fill = new boolean[c.count];
    boolean anySmall = false;
    for (int k = 0; k < c.count; k++) {
      fill[k] = sizes[k] < minArea;
      anySmall |= fill[k];
    }
    if (!anySmall) {
      return new Cleaned(mask, false);
    }
    BitMask.Builder out = new BitMask.Builder(width, height).addAll(mask);
    for (int y = 0; y < r.h; y++) {
      for (int x = 0; x < r.w; x++) {
        int l = c.labels[y * r.w + x];
        if (l >= 0 && fill[l]) {
          out.set(r.x0 + x, r.y0 + y);
        }
      }
    }
    if (above >= 0 && fill[above]) {
      for (int y = 0; y < ey0; y++) {
        out.setRun(y, 0, width);
      }
    }
    if (below >= 0 && fill[below]) {
      for (int y = ey1 + 1; y < height; y++) {
        out.setRun(y, 0, width);
      }
    }
    if (left >= 0 && fill[left]) {
      for (int y = ey0; y <= ey1; y++) {
        out.setRun(y, 0, ex0);
      }
    }
    if (right >= 0 && fill[right]) {
      for (int y = ey0; y <= ey1; y++) {
        out.setRun(y, ex1 + 1, width);
      }
    }
    return new Cleaned(out.build(), true);
  }

  /** A rectangle of an image as a byte grid (1 = the pixel is in the set being labelled). */
  static final class Region {
    final int imageWidth;
    final int x0;
    final int y0;
    final int w;
    final int h;
    final byte[] grid;

    Region(int imageWidth, int imageHeight, int x0, int y0, int x1, int y1) {
      this.imageWidth = imageWidth;
      this.x0 = x0;
      this.y0 = y0;
      this.w = x1 - x0 + 1;
      this.h = y1 - y0 + 1;
      this.grid = new byte[Math.multiplyExact(w, h)];
    }

    /** Sets image columns {@code [xs, xe)} of image row {@code y} (clipped to the region) to {@code v}. */
    void fill(int y, int xs, int xe, byte v) {
      int ry = y - y0;
      int a = Math.max(xs, x0) - x0;
      int e = Math.min(xe, x0 + w) - x0;
      if (ry < 0 || ry >= h || a >= e) {
        return;
      }
      java.util.Arrays.fill(grid, ry * w + a, ry * w + e, v);
    }
  }

  /** 8-connected components of a {@link Region}'s set pixels. */
  static final class Components {
    /** Component per region pixel, -1 where the pixel is not set. */
    final int[] labels;
    final int count;
    final int[] sizes;
    /**
     * OpenCV's label order: the first 2×2 block of the image (row pair, then column pair) the
     * component touches, {@code (y / 2) << 32 | (x / 2)}; smaller is earlier.
     */
    final long[] orderKeys;

    private Components(int[] labels, int count, int[] sizes, long[] orderKeys) {
      this.labels = labels;
      this.count = count;
      this.sizes = sizes;
      this.orderKeys = orderKeys;
    }

    int labelAt(Region r, int imageX, int imageY) {
      return labels[(imageY - r.y0) * r.w + imageX - r.x0];
    }

    static Components label(Region r) {
      int w = r.w;
      int h = r.h;
      int[] labels = new int[w * h];
      java.util.Arrays.fill(labels, -1);
      int[] stack = new int[w * h];
      int[] sizes = new int[16];
      long[] keys = new long[16];
      int count = 0;
      for (int start = 0; start < labels.length; start++) {
        if (r.grid[start] == 0 || labels[start] >= 0) {
          continue;
        }
        if (count == sizes.length) {
          sizes = java.util.Arrays.copyOf(sizes, count * 2);
          keys = java.util.Arrays.copyOf(keys, count * 2);
        }
        int id = count++;
        int size = 0;
        long key = Long.MAX_VALUE;
        int top = 0;
        stack[top++] = start;
        labels[start] = id;
        while (top > 0) {
          int p = stack[--top];
          size++;
          int px = p % w;
          int py = p / w;
          int ix = r.x0 + px;
          int iy = r.y0 + py;
          long k = ((long) (iy >>> 1) << 32) | (ix >>> 1);
          if (k < key) {
            key = k;
          }
          int ya = Math.max(0, py - 1);
          int yb = Math.min(h - 1, py + 1);
          int xa = Math.max(0, px - 1);
          int xb = Math.min(w - 1, px + 1);
          for (int ny = ya; ny <= yb; ny++) {
            for (int nx = xa; nx <= xb; nx++) {
              int q = ny * w + nx;
              if (r.grid[q] != 0 && labels[q] < 0) {
                labels[q] = id;
                stack[top++] = q;
              }
            }
          }
        }
        sizes[id] = size;
        keys[id] = key;
      }
      return new Components(labels, count, java.util.Arrays.copyOf(sizes, count), java.util.Arrays.copyOf(keys, count));
    }
  }
}
