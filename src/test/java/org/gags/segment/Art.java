package org.gags.segment;

/** Masks drawn as text: one string per row, '#' set, anything else clear. */
final class Art {
  private Art() {}

  static BitMask mask(String... rows) {
    int w = rows[0].length();
    boolean[] p = new boolean[w * rows.length];
    for (int y = 0; y < rows.length; y++) {
      if (rows[y].length() != w) {
        throw new IllegalArgumentException("art row " + y + " has " + rows[y].length() + " columns, not " + w);
      }
      for (int x = 0; x < w; x++) {
        p[y * w + x] = rows[y].charAt(x) == '#';
      }
    }
    return BitMask.fromPixels(p, w, rows.length);
  }

  static String[] draw(BitMask m) {
    String[] rows = new String[m.height()];
    for (int y = 0; y < m.height(); y++) {
      StringBuilder b = new StringBuilder();
      for (int x = 0; x < m.width(); x++) {
        b.append(m.get(x, y) ? '#' : '.');
      }
      rows[y] = b.toString();
    }
    return rows;
  }

  /** A w x h mask set on the rectangle [x0, x1] x [y0, y1]. */
  static BitMask rect(int w, int h, int x0, int y0, int x1, int y1) {
    BitMask.Builder b = new BitMask.Builder(w, h);
    for (int y = y0; y <= y1; y++) {
      b.setRun(y, x0, x1 + 1);
    }
    return b.build();
  }
}
