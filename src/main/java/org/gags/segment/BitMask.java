package org.gags.segment;

import java.util.Arrays;

/**
 * An immutable binary mask of a {@code width × height} image, packed 64 pixels to a {@code long}
 * and stored only over its bounding box: for each row {@code y0..y1} of the {@link #box()}, the
 * words {@code x0 / 64 .. x1 / 64} (bit {@code x % 64} of word {@code x / 64} is pixel {@code x};
 * words are aligned to the image's columns, so two masks' words line up without shifting). Area
 * and box are computed once, when the mask is built.
 *
 * <p>A 988×731 mask costs at most 94 KB, a typical part mask a few KB; {@link
 * #intersectionCount} touches only the rows and words that both boxes cover.
 */
public final class BitMask {
  private final int width;
  private final int height;
  private final MaskBox box;
  private final int area;
  /** First word column (x0 / 64) and words per stored row; 0 for an empty mask. */
  private final int wordX0;
  private final int stride;
  private final long[] words;
  /**
   * Per stored row, the first and last non-zero word as absolute word columns ({@code x / 64});
   * {@code first > last} for a row without pixels. They let {@link #intersectionCount} skip the
   * empty ends of rows.
   */
  private final int[] rowFirstWord;
  private final int[] rowLastWord;

  private BitMask(int width, int height, MaskBox box, int area, int wordX0, int stride, long[] words) {
    this.width = width;
    this.height = height;
    this.box = box;
    this.area = area;
    this.wordX0 = wordX0;
    this.stride = stride;
    this.words = words;
    int rows = area == 0 ? 0 : box.y1() - box.y0() + 1;
    this.rowFirstWord = new int[rows];
    this.rowLastWord = new int[rows];
    for (int r = 0; r < rows; r++) {
      int first = Integer.MAX_VALUE;
      int last = Integer.MIN_VALUE;
      for (int w = 0; w < stride; w++) {
        if (words[r * stride + w] != 0) {
          first = Math.min(first, wordX0 + w);
          last = wordX0 + w;
        }
      }
      rowFirstWord[r] = first;
      rowLastWord[r] = last;
    }
  }

  static void requireSize(int width, int height) {
    if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "mask size must be positive with at most 2^31-1 pixels, found " + width + "x" + height);
    }
  }

  /** The empty mask of a {@code width × height} image. */
  public static BitMask empty(int width, int height) {
    requireSize(width, height);
    return new BitMask(width, height, MaskBox.EMPTY, 0, 0, 0, new long[0]);
  }

  /**
   * The mask {@code logits[y * width + x] > threshold} (strict, as SAM's {@code masks >
   * mask_threshold}; NaN logits are outside).
   */
  public static BitMask fromLogits(float[] logits, int width, int height, float threshold) {
    requireSize(width, height);
    if (logits.length != width * height) {
      throw new IllegalArgumentException(
          "mask logits must hold width*height = " + width + "*" + height + " = " + (width * height)
              + " values (row-major), found " + logits.length);
    }
    Builder b = new Builder(width, height);
    int wpr = b.wordsPerRow;
    for (int y = 0; y < height; y++) {
      int base = y * width;
      int rowWord = y * wpr;
      for (int x = 0; x < width; x++) {
        if (logits[base + x] > threshold) {
          b.bits[rowWord + (x >>> 6)] |= 1L << x;
        }
      }
    }
    return b.build();
  }

  /** The mask of {@code pixels[y * width + x]}. */
  public static BitMask fromPixels(boolean[] pixels, int width, int height) {
    requireSize(width, height);
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          "mask pixels must hold width*height = " + width + "*" + height + " = " + (width * height)
              + " values (row-major), found " + pixels.length);
    }
    Builder b = new Builder(width, height);
    for (int y = 0, k = 0; y < height; y++) {
      for (int x = 0; x < width; x++, k++) {
        if (pixels[k]) {
          b.set(x, y);
        }
      }
    }
    return b.build();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Number of mask pixels. */
  public int area() {
    return area;
  }

  /** Tight bounding box, {@link MaskBox#EMPTY} for an empty mask. */
  public MaskBox box() {
    return box;
  }

  public boolean isEmpty() {
    return area == 0;
  }

  /** Whether pixel (x, y) is in the mask. */
  public boolean get(int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside a " + width + "x" + height + " mask");
    }
    if (area == 0 || x < box.x0() || x > box.x1() || y < box.y0() || y > box.y1()) {
      return false;
    }
    return (words[(y - box.y0()) * stride + (x >>> 6) - wordX0] & (1L << x)) != 0;
  }

  /** The mask as {@code boolean[y * width + x]}. */
  public boolean[] toPixels() {
    boolean[] out = new boolean[width * height];
    forEachRun((y, xStart, xEnd) -> Arrays.fill(out, y * width + xStart, y * width + xEnd, true));
    return out;
  }

  /** Receives the horizontal runs of mask pixels: row {@code y}, columns {@code [xStart, xEnd)}. */
  @FunctionalInterface
  public interface RunConsumer {
    void accept(int y, int xStart, int xEnd);
  }

  /** Calls {@code consumer} for every maximal horizontal run of mask pixels, in raster order. */
  public void forEachRun(RunConsumer consumer) {
    if (area == 0) {
      return;
    }
    for (int y = box.y0(); y <= box.y1(); y++) {
      int rowBase = (y - box.y0()) * stride;
      int runStart = -1;
      for (int w = 0; w < stride; w++) {
        long word = words[rowBase + w];
        int xBase = (wordX0 + w) << 6;
        // Walk the word's alternating runs of ones and zeros with trailing-zero counts.
        int bit = 0;
        while (bit < 64) {
          long rest = word >>> bit;
          if (runStart < 0) {
            if (rest == 0) {
              break;
            }
            bit += Long.numberOfTrailingZeros(rest);
            runStart = xBase + bit;
          } else {
            long zeros = ~rest;
            if (bit > 0) {
              zeros &= -1L >>> bit; // bits shifted in from the top are not pixels of this word
            }
            if (zeros == 0) {
              break; // the run continues into the next word
            }
            bit += Long.numberOfTrailingZeros(zeros);
            consumer.accept(y, runStart, xBase + bit);
            runStart = -1;
          }
        }
      }
      if (runStart >= 0) {
        consumer.accept(y, runStart, Math.min(width, (wordX0 + stride) << 6));
      }
    }
  }

  /**
   * Number of pixels in both masks: an AND and a bit count over the rows both boxes cover, and in
   * each row over the words where both rows have pixels.
   */
  public int intersectionCount(BitMask o) {
    requireSameSize(o);
    if (area == 0 || o.area == 0 || !box.sharesPixels(o.box)) {
      return 0;
    }
    int ya = Math.max(box.y0(), o.box.y0());
    int yb = Math.min(box.y1(), o.box.y1());
    long[] a = words;
    long[] b = o.words;
    int count = 0;
    for (int y = ya; y <= yb; y++) {
      int ra = y - box.y0();
      int rb = y - o.box.y0();
      int wa = Math.max(rowFirstWord[ra], o.rowFirstWord[rb]);
      int wb = Math.min(rowLastWord[ra], o.rowLastWord[rb]);
      int i = ra * stride + wa - wordX0;
      int j = rb * o.stride + wa - o.wordX0;
      for (int w = wa; w <= wb; w++, i++, j++) {
        count += Long.bitCount(a[i] & b[j]);
      }
    }
    return count;
  }

  /** The pixels in both masks. */
  public BitMask and(BitMask o) {
    requireSameSize(o);
    Builder b = new Builder(width, height);
    if (area > 0 && o.area > 0 && box.sharesPixels(o.box)) {
      int ya = Math.max(box.y0(), o.box.y0());
      int yb = Math.min(box.y1(), o.box.y1());
      int wa = Math.max(wordX0, o.wordX0);
      int wb = Math.min(wordX0 + stride, o.wordX0 + o.stride);
      for (int y = ya; y <= yb; y++) {
        int i = (y - box.y0()) * stride + wa - wordX0;
        int j = (y - o.box.y0()) * o.stride + wa - o.wordX0;
        for (int w = wa; w < wb; w++, i++, j++) {
          b.bits[y * b.wordsPerRow + w] = words[i] & o.words[j];
        }
      }
    }
    return b.build();
  }

  /** The pixels in either mask. */
  public BitMask or(BitMask o) {
    requireSameSize(o);
    Builder b = new Builder(width, height);
    b.addAll(this);
    b.addAll(o);
    return b.build();
  }

  private void requireSameSize(BitMask o) {
    if (o.width != width || o.height != height) {
      throw new IllegalArgumentException(
          "masks must have the same size: " + width + "x" + height + " != " + o.width + "x" + o.height);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BitMask o
        && o.width == width
        && o.height == height
        && o.area == area
        && o.box.equals(box)
        && Arrays.equals(o.words, words);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * width + height) + box.hashCode()) + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "BitMask[" + width + "x" + height + ", area " + area + ", box " + box + "]";
  }

  /**
   * A mutable full-image bit grid that {@link #build()}s an immutable {@link BitMask} (cropped to
   * its bounding box). Not thread safe.
   */
  public static final class Builder {
    final int width;
    final int height;
    final int wordsPerRow;
    final long[] bits;

    public Builder(int width, int height) {
      requireSize(width, height);
      this.width = width;
      this.height = height;
      this.wordsPerRow = (width + 63) >>> 6;
      this.bits = new long[Math.multiplyExact(wordsPerRow, height)];
    }

    public Builder set(int x, int y) {
      if (x < 0 || y < 0 || x >= width || y >= height) {
        throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside a " + width + "x" + height + " mask");
      }
      bits[y * wordsPerRow + (x >>> 6)] |= 1L << x;
      return this;
    }

    /** Sets columns {@code [xStart, xEnd)} of row {@code y}. */
    public Builder setRun(int y, int xStart, int xEnd) {
      if (y < 0 || y >= height || xStart < 0 || xEnd > width || xStart > xEnd) {
        throw new IndexOutOfBoundsException(
            "run (row " + y + ", columns " + xStart + ".." + xEnd + ") outside a " + width + "x" + height + " mask");
      }
      int row = y * wordsPerRow;
      for (int x = xStart; x < xEnd; ) {
        int w = x >>> 6;
        int end = Math.min(xEnd, (w + 1) << 6);
        int n = end - x;
        long m = n == 64 ? -1L : ((1L << n) - 1) << x;
        bits[row + w] |= m;
        x = end;
      }
      return this;
    }

    /** Adds every pixel of {@code mask}. */
    public Builder addAll(BitMask mask) {
      if (mask.width != width || mask.height != height) {
        throw new IllegalArgumentException(
            "masks must have the same size: " + width + "x" + height + " != " + mask.width + "x" + mask.height);
      }
      if (mask.area > 0) {
        for (int y = mask.box.y0(); y <= mask.box.y1(); y++) {
          int src = (y - mask.box.y0()) * mask.stride;
          int dst = y * wordsPerRow + mask.wordX0;
          for (int w = 0; w < mask.stride; w++) {
            bits[dst + w] |= mask.words[src + w];
          }
        }
      }
      return this;
    }

    public boolean get(int x, int y) {
      return (bits[y * wordsPerRow + (x >>> 6)] & (1L << x)) != 0;
    }

    public BitMask build() {
      int minY = -1;
      int maxY = -1;
      int minW = Integer.MAX_VALUE;
      int maxW = -1;
      int area = 0;
      for (int y = 0; y < height; y++) {
        int row = y * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) {
          long v = bits[row + w];
          if (v != 0) {
            area += Long.bitCount(v);
            if (minY < 0) {
              minY = y;
            }
            maxY = y;
            minW = Math.min(minW, w);
            maxW = Math.max(maxW, w);
          }
        }
      }
      if (area == 0) {
        return new BitMask(width, height, MaskBox.EMPTY, 0, 0, 0, new long[0]);
      }
      int minX = Integer.MAX_VALUE;
      int maxX = -1;
      for (int y = minY; y <= maxY; y++) {
        long first = bits[y * wordsPerRow + minW];
        if (first != 0) {
          minX = Math.min(minX, (minW << 6) + Long.numberOfTrailingZeros(first));
        }
        long last = bits[y * wordsPerRow + maxW];
        if (last != 0) {
          maxX = Math.max(maxX, (maxW << 6) + 63 - Long.numberOfLeadingZeros(last));
        }
      }
      int stride = maxW - minW + 1;
      long[] words = new long[Math.multiplyExact(stride, maxY - minY + 1)];
      for (int y = minY; y <= maxY; y++) {
        System.arraycopy(bits, y * wordsPerRow + minW, words, (y - minY) * stride, stride);
      }
      return new BitMask(width, height, new MaskBox(minX, minY, maxX, maxY), area, minW, stride, words);
    }
  }
}
