package org.gags.segment;

import java.util.Arrays;
import java.util.List;

/**
 * A level's segment map (METHOD.md section 2.4, the reference's {@code mask2segmap}): an {@code
 * int} per pixel, -1 where no kept mask lies, otherwise the index (in kept order) of the last kept
 * mask that covers the pixel: masks are painted in kept order and later ones overwrite.
 */
public final class SegmentMap {
  private final int width;
  private final int height;
  private final int[] ids;

  private SegmentMap(int width, int height, int[] ids) {
    this.width = width;
    this.height = height;
    this.ids = ids;
  }

  /** Paints {@code masks} in list order onto a map of -1. */
  public static SegmentMap paint(int width, int height, List<BitMask> masks) {
    BitMask.requireSize(width, height);
    int[] ids = new int[width * height];
    Arrays.fill(ids, -1);
    for (int s = 0; s < masks.size(); s++) {
      BitMask m = masks.get(s);
      if (m.width() != width || m.height() != height) {
        throw new IllegalArgumentException("segment map is " + width + "x" + height + " but mask " + s + " is "
            + m.width() + "x" + m.height());
      }
      int id = s;
      m.forEachRun((y, xs, xe) -> Arrays.fill(ids, y * width + xs, y * width + xe, id));
    }
    return new SegmentMap(width, height, ids);
  }

  /** {@link #paint} of the records' masks. */
  public static SegmentMap ofRecords(int width, int height, List<MaskRecord> kept) {
    return paint(width, height, kept.stream().map(MaskRecord::mask).toList());
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The segment at pixel (x, y), -1 for none. */
  public int get(int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside a " + width + "x" + height + " map");
    }
    return ids[y * width + x];
  }

  /** A copy of the map, row-major {@code [y * width + x]}. */
  public int[] toArray() {
    return ids.clone();
  }
}
