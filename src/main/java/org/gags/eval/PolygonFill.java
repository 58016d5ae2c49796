package org.gags.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenCV's {@code cv2.fillPoly(mask, [points], 1)} for one polygon of int32 points, with the
 * defaults the reference uses (8-connected lines, no sub-pixel shift, no offset), to the pixel.
 *
 * <p>OpenCV fills a polygon in two parts, both reproduced here: it draws every edge (closing edge
 * included, horizontal ones too) as an 8-connected Bresenham line from its left end, clipped to the
 * image the way {@code cv::clipLine} clips; then it fills scanlines with the even-odd rule, edges
 * walked in 16.16 fixed point ({@code dx} truncated towards zero), each span running from the
 * ceiling of its left crossing to the floor of its right one. The outline is why the boundary
 * pixels are always in the mask.
 */
public final class PolygonFill {
  private static final int XY_SHIFT = 16;
  private static final long XY_ONE = 1L << XY_SHIFT;

  private PolygonFill() {}

  /** A float polygon's points truncated towards zero to int32, as NumPy's {@code astype(np.int32)}. */
  public static int[][] truncate(double[][] points) {
    int[][] out = new int[points.length][];
    for (int k = 0; k < points.length; k++) {
      out[k] = new int[] {(int) points[k][0], (int) points[k][1]};
    }
    return out;
  }

  /** Sets every pixel of the polygon {@code points} ({@code [k][2]}, x then y) in {@code mask}. */
  public static void fill(boolean[] mask, int width, int height, int[][] points) {
    if ((long) width * height != mask.length || width < 1 || height < 1) {
      throw new IllegalArgumentException("mask of " + mask.length + " is not " + width + "x" + height);
    }
    int n = points.length;
    List<Edge> edges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[] p0 = points[(i + n - 1) % n];
      int[] p1 = points[i];
      line(mask, width, height, p0[0], p0[1], p1[0], p1[1]);
      if (p0[1] == p1[1]) {
        continue;
      }
      long x0 = (long) p0[0] << XY_SHIFT;
      long x1 = (long) p1[0] << XY_SHIFT;
      long dx = (x1 - x0) / (p1[1] - p0[1]);
      edges.add(p0[1] < p1[1] ? new Edge(p0[1], p1[1], x0, dx) : new Edge(p1[1], p0[1], x1, dx));
    }
    fillScanlines(mask, width, height, edges);
  }

  /** One non-horizontal edge: rows {@code y0 <= y < y1}, fixed-point x at y0 and its step per row. */
  private record Edge(int y0, int y1, long x, long dx) {
    long xAt(int y) {
      return x + (long) (y - y0) * dx;
    }
  }

  /** The even-odd scanline fill of OpenCV's {@code FillEdgeCollection}. */
  private static void fillScanlines(boolean[] mask, int width, int height, List<Edge> edges) {
    if (edges.size() < 2) {
      return;
    }
    int yMin = Integer.MAX_VALUE;
    int yMax = Integer.MIN_VALUE;
    long xMin = Long.MAX_VALUE;
    long xMax = -1;
    for (Edge e : edges) {
      long xEnd = e.xAt(e.y1);
      yMin = Math.min(yMin, e.y0);
      yMax = Math.max(yMax, e.y1);
      xMin = Math.min(xMin, Math.min(e.x, xEnd));
      xMax = Math.max(xMax, Math.max(e.x, xEnd));
    }
    if (yMax < 0 || yMin >= height || xMax < 0 || xMin >= ((long) width << XY_SHIFT)) {
      return;
    }
    long[] crossings = new long[edges.size()];
    for (int y = Math.max(yMin, 0); y < Math.min(yMax, height); y++) {
      int count = 0;
      for (Edge e : edges) {
        if (e.y0 <= y && y < e.y1) {
          crossings[count++] = e.xAt(y);
        }
      }
      Arrays.sort(crossings, 0, count);
      for (int k = 0; k + 1 < count; k += 2) {
        int x1 = (int) ((crossings[k] + XY_ONE - 1) >> XY_SHIFT);
        int x2 = (int) (crossings[k + 1] >> XY_SHIFT);
        if (x1 < width && x2 >= 0) {
          x1 = Math.max(x1, 0);
          x2 = Math.min(x2, width - 1);
          for (int x = x1; x <= x2; x++) {
            mask[y * width + x] = true;
          }
        }
      }
    }
  }

  /**
   * OpenCV's 8-connected {@code Line} through a {@code LineIterator} drawn left to right: the
   * segment is clipped first when an end lies outside the image, then walked one pixel per step of
   * its longer axis, stepping the shorter axis when the error term is negative.
   */
  static void line(boolean[] mask, int width, int height, int ax, int ay, int bx, int by) {
    long x1 = ax;
    long y1 = ay;
    long x2 = bx;
    long y2 = by;
    if (ax < 0 || ax >= width || bx < 0 || bx >= width || ay < 0 || ay >= height || by < 0
        || by >= height) {
      long[] p = {x1, y1, x2, y2};
      if (!clipLine(width, height, p)) {
        return;
      }
      x1 = (int) p[0];
      y1 = (int) p[1];
      x2 = (int) p[2];
      y2 = (int) p[3];
    }
    int dx = (int) (x2 - x1);
    int dy = (int) (y2 - y1);
    int x = (int) x1;
    int y = (int) y1;
    if (dx < 0) {
      dx = -dx;
      dy = -dy;
      x = (int) x2;
      y = (int) y2;
    }
    int stepY = 1;
    if (dy < 0) {
      dy = -dy;
      stepY = -1;
    }
    // Major axis: taken every step; minor axis: taken when the error term is negative.
    int majorX = 1, majorY = 0, minorX = 0, minorY = stepY;
    if (dy > dx) {
      int t = dx;
      dx = dy;
      dy = t;
      majorX = 0;
      majorY = stepY;
      minorX = 1;
      minorY = 0;
    }
    int err = dx - (dy + dy);
    int plusDelta = dx + dx;
    int minusDelta = -(dy + dy);
    for (int i = 0; i <= dx; i++) {
      mask[y * width + x] = true;
      boolean minor = err < 0;
      err += minusDelta + (minor ? plusDelta : 0);
      x += majorX + (minor ? minorX : 0);
      y += majorY + (minor ? minorY : 0);
    }
  }

  /**
   * OpenCV's {@code clipLine(Size2l, Point2l&, Point2l&)}: Cohen-Sutherland against rows 0..h-1 and
   * columns 0..w-1, intersections computed in double and truncated, the second end computed from the
   * already moved first one as OpenCV does. {@code p} is {x1, y1, x2, y2}, updated in place.
   *
   * @return whether some of the segment is inside
   */
  static boolean clipLine(int width, int height, long[] p) {
    long right = width - 1;
    long bottom = height - 1;
    long x1 = p[0], y1 = p[1], x2 = p[2], y2 = p[3];
    int c1 = outcode(x1, y1, right, bottom);
    int c2 = outcode(x2, y2, right, bottom);
    if ((c1 & c2) == 0 && (c1 | c2) != 0) {
      long a;
      if ((c1 & 12) != 0) {
        a = c1 < 8 ? 0 : bottom;
        x1 += (long) ((double) (a - y1) * (x2 - x1) / (y2 - y1));
        y1 = a;
        c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
      }
      if ((c2 & 12) != 0) {
        a = c2 < 8 ? 0 : bottom;
        x2 += (long) ((double) (a - y2) * (x2 - x1) / (y2 - y1));
        y2 = a;
        c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
      }
      if ((c1 & c2) == 0 && (c1 | c2) != 0) {
        if (c1 != 0) {
          a = c1 == 1 ? 0 : right;
          y1 += (long) ((double) (a - x1) * (y2 - y1) / (x2 - x1));
          x1 = a;
          c1 = 0;
        }
        if (c2 != 0) {
          a = c2 == 1 ? 0 : right;
          y2 += (long) ((double) (a - x2) * (y2 - y1) / (x2 - x1));
          x2 = a;
          c2 = 0;
        }
      }
    }
    p[0] = x1;
    p[1] = y1;
    p[2] = x2;
    p[3] = y2;
    return (c1 | c2) == 0;
  }

  private static int outcode(long x, long y, long right, long bottom) {
    return (x < 0 ? 1 : 0) + (x > right ? 2 : 0) + (y < 0 ? 4 : 0) + (y > bottom ? 8 : 0);
  }
}
