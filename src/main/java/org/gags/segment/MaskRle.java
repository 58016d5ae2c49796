package org.gags.segment;

import java.io.ByteArrayOutputStream;

/**
 * A compact run-length encoding of a binary mask, for a Parquet binary column.
 *
 * <p><b>Format.</b> The mask's pixels are read in <em>row-major</em> order ({@code y * width +
 * x}; COCO's RLE is column-major, this one is not). The counts are the lengths of the alternating
 * runs, starting with a run of 0s (which is 0 long when pixel 0 is set), as in COCO's uncompressed
 * RLE; they sum to {@code width * height}; only the first count can be 0. Each count is written as
 * an unsigned LEB128 varint: 7 bits per byte, least significant group first, high bit set on every
 * byte but the last of a count. The width and height are not stored (they are columns of the
 * table). An empty mask of a 988×731 image is 3 bytes.
 *
 * <p>Decoding in Python:
 *
 * <pre>{@code
 * def decode(buf, h, w):
 *     counts, v, s = [], 0, 0
 *     for b in buf:
 *         v |= (b & 0x7F) << s; s += 7
 *         if b < 0x80: counts.append(v); v = s = 0
 *     return np.repeat(np.arange(len(counts)) % 2, counts).astype(bool).reshape(h, w)
 * }</pre>
 */
public final class MaskRle {
  private MaskRle() {}

  /** The run counts of the format above. */
  public static int[] counts(BitMask mask) {
    long total = (long) mask.width() * mask.height();
    RunCounter rc = new RunCounter(mask.width());
    mask.forEachRun(rc);
    rc.flush();
    if (rc.cursor < total) {
      rc.counts.add((int) (total - rc.cursor)); // trailing 0s (the whole mask when empty)
    }
    return rc.counts.toArray();
  }

  /** Turns raster-order set runs into alternating counts, merging runs that meet across a row end. */
  private static final class RunCounter implements BitMask.RunConsumer {
    final int width;
    final IntList counts = new IntList();
    long cursor; // pixels already counted
    long runStart = -1;
    long runEnd;

    RunCounter(int width) {
      this.width = width;
    }

    @Override
    public void accept(int y, int xStart, int xEnd) {
      long start = (long) y * width + xStart;
      long end = (long) y * width + xEnd;
      if (runStart >= 0 && start == runEnd) {
        runEnd = end;
        return;
      }
      flush();
      runStart = start;
      runEnd = end;
    }

    void flush() {
      if (runStart >= 0) {
        counts.add((int) (runStart - cursor)); // 0s before the run; 0 only for the first
        counts.add((int) (runEnd - runStart));
        cursor = runEnd;
        runStart = -1;
      }
    }
  }

  /** Encodes {@code mask} (see the class comment). */
  public static byte[] encode(BitMask mask) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c : counts(mask)) {
      int v = c;
      while ((v & ~0x7F) != 0) {
        out.write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write(v);
    }
    return out.toByteArray();
  }

  /** Decodes the counts of {@code rle}; checks the varints, not the sum. */
  public static int[] decodeCounts(byte[] rle) {
    IntList counts = new IntList();
    long v = 0;
    int shift = 0;
    for (int i = 0; i < rle.length; i++) {
      int b = rle[i] & 0xFF;
      if (shift > 28) {
        throw new IllegalArgumentException("mask RLE: varint at byte " + i + " is longer than 5 bytes");
      }
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
      if (b < 0x80) {
        if (v > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("mask RLE: count ending at byte " + i + " is " + v + ", above 2^31-1");
        }
        counts.add((int) v);
        v = 0;
        shift = 0;
      }
    }
    if (shift != 0) {
      throw new IllegalArgumentException("mask RLE: the last varint is cut off after " + rle.length + " bytes");
    }
    return counts.toArray();
  }

  /** Decodes a mask of a {@code width × height} image. */
  public static BitMask decode(byte[] rle, int width, int height) {
    BitMask.requireSize(width, height);
    int[] counts = decodeCounts(rle);
    long total = (long) width * height;
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0 && i > 0) {
        throw new IllegalArgumentException("mask RLE: count " + i + " is 0; only the first count may be 0");
      }
      sum += counts[i];
    }
    if (sum != total) {
      throw new IllegalArgumentException(
          "mask RLE: counts sum to " + sum + " but a " + width + "x" + height + " mask has " + total + " pixels");
    }
    BitMask.Builder b = new BitMask.Builder(width, height);
    long p = 0;
    for (int i = 0; i < counts.length; i++) {
      long end = p + counts[i];
      if ((i & 1) == 1) {
        while (p < end) {
          int y = (int) (p / width);
          int x = (int) (p % width);
          int xe = (int) Math.min(width, x + (end - p));
          b.setRun(y, x, xe);
          p += xe - x;
        }
      }
      p = end;
    }
    return b.build();
  }

  private static final class IntList {
    int[] a = new int[16];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
