package org.gags.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts binary masks into polygons and back.
 *
 * <p>{@link #trace} extracts the outer boundary of every 8-connected component of a row-major
 * mask as a closed polygon through boundary pixel centres (Moore-neighbour / Suzuki–Abe border
 * following), {@link #simplify} reduces a closed polygon with Douglas–Peucker, and {@link #fill}
 * rasterises a polygon back into a mask (boundary inclusive), so that
 * {@code fill(trace(mask))} reproduces each component with its holes filled.
 *
 * <p>Coordinates are integer pixel coordinates {@code {x, y}} with x the column and y the row
 * (y pointing down). All methods are stateless and thread-safe.
 */
public final class MaskPolygons {

    /** Neighbour offsets in clockwise order as displayed (y down): E, SE, S, SW, W, NW, N, NE. */
    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};
    private static final int WEST = 4;

    private MaskPolygons() {
    }

    /**
     * Traces the outer boundary of every 8-connected component of a mask.
     *
     * <p>Components with fewer than {@code minArea} pixels are dropped. Each remaining component
     * yields one closed polygon of pixel centres {@code {x, y}}, starting at the component's first
     * pixel in raster order and running counter-clockwise as displayed with y down (i.e. its
     * signed shoelace area in raw {@code (x, y)} is negative or zero); the first point is not
     * repeated at the end. Consecutive points are 8-neighbours; a pixel may occur several times
     * where the boundary pinches (thin lines are traced out and back). A single-pixel component
     * gives a 1-point polygon, a two-pixel one a 2-point polygon. Holes are ignored. Components
     * are returned in raster order of their first pixel.
     *
     * @param mask    row-major mask, index {@code y * width + x}
     * @param width   mask width (columns)
     * @param height  mask height (rows)
     * @param minArea minimum component size in pixels (values &le; 1 keep everything)
     * @return one polygon per kept component
     */
    public static List<int[][]> trace(boolean[] mask, int width, int height, int minArea) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
        if (mask == null || mask.length < (long) width * height) {
            throw new IllegalArgumentException("mask shorter than width*height");
        }
        int n = width * height;
        List<int[][]> out = new ArrayList<>();
        boolean[] seen = new boolean[n];
        int[] queue = null;
        for (int start = 0; start < n; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            if (queue == null) {
                queue = new int[n];
            }
            // Iterative BFS labelling (8-connectivity) to count the component size.
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            while (head < tail) {
                int p = queue[head++];
                int px = p % width;
                int py = p / width;
                for (int d = 0; d < 8; d++) {
                    int qx = px + DX[d];
                    int qy = py + DY[d];
                    if (qx < 0 || qy < 0 || qx >= width || qy >= height) {
                        continue;
                    }
                    int q = qy * width + qx;
                    if (mask[q] && !seen[q]) {
                        seen[q] = true;
                        queue[tail++] = q;
                    }
                }
            }
            int size = tail;
            if (size < minArea) {
                continue;
            }
            out.add(traceOuter(mask, width, height, start % width, start / width, size));
        }
        return out;
    }

    /**
     * Suzuki–Abe outer border following from the raster-first pixel {@code (x0, y0)} of a
     * component. Pixels of other components are never 8-adjacent, so the raw mask suffices.
     */
    private static int[][] traceOuter(boolean[] mask, int w, int h, int x0, int y0, int size) {
        // Step 1: search clockwise around the start, beginning at the (background) west neighbour.
        int d1 = -1;
        for (int k = 0; k < 8; k++) {
            int d = (WEST + k) & 7;
            if (isSet(mask, w, h, x0 + DX[d], y0 + DY[d])) {
                d1 = d;
                break;
            }
        }
        if (d1 < 0) {
            return new int[][] {{x0, y0}};
        }
        // The pixel found first clockwise is the LAST point of the counter-clockwise contour.
        int x1 = x0 + DX[d1];
        int y1 = y0 + DY[d1];

        int[] xs = new int[64];
        int[] ys = new int[64];
        int count = 0;
        int px = x1;           // previous pixel (i2, j2)
        int py = y1;
        int cx = x0;           // current pixel (i3, j3)
        int cy = y0;
        long guard = 8L * size + 16;
        while (true) {
            if (count == xs.length) {
                xs = Arrays.copyOf(xs, count * 2);
                ys = Arrays.copyOf(ys, count * 2);
            }
            xs[count] = cx;
            ys[count] = cy;
            count++;
            if (count > guard) {
                throw new IllegalStateException("contour tracing did not terminate at " + x0 + "," + y0);
            }
            int back = direction(px - cx, py - cy);
            // Examine counter-clockwise, starting just after the previous pixel.
            int nd = -1;
            for (int k = 1; k <= 8; k++) {
                int d = (back - k) & 7;
                if (isSet(mask, w, h, cx + DX[d], cy + DY[d])) {
                    nd = d;
                    break;
                }
            }
            // nd >= 0 always: the previous pixel itself is set and is examined last.
            int nx = cx + DX[nd];
            int ny = cy + DY[nd];
            if (nx == x0 && ny == y0 && cx == x1 && cy == y1) {
                break;
            }
            px = cx;
            py = cy;
            cx = nx;
            cy = ny;
        }
        int[][] poly = new int[count][];
        for (int i = 0; i < count; i++) {
            poly[i] = new int[] {xs[i], ys[i]};
        }
        return poly;
    }

    private static boolean isSet(boolean[] mask, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x];
    }

    private static int direction(int dx, int dy) {
        for (int d = 0; d < 8; d++) {
            if (DX[d] == dx && DY[d] == dy) {
                return d;
            }
        }
        throw new IllegalStateException("not a neighbour offset: " + dx + "," + dy);
    }

    /**
     * Douglas–Peucker simplification of a closed polygon.
     *
     * <p>The polygon is split at the vertex farthest from the first vertex; both halves are
     * simplified as open chains (iteratively, no recursion) with point-to-segment distance
     * tolerance {@code epsilon} and re-joined. If the input has at least 3 points the result
     * keeps at least 3 (the vertex farthest from the split chord is added back if needed).
     * Inputs with fewer than 3 points are returned as copies. Vertices keep their original
     * order; the first vertex is always kept.
     *
     * @param polygon closed polygon {@code {x, y}} without repeated closing point
     * @param epsilon distance tolerance in pixels (&ge; 0)
     * @return a new simplified polygon (subset of the input vertices)
     */
    public static int[][] simplify(int[][] polygon, double epsilon) {
        int n = polygon.length;
        if (n < 3) {
            return copy(polygon);
        }
        // Farthest vertex from the first one.
        int k = 1;
        long best = -1;
        for (int i = 1; i < n; i++) {
            long dx = polygon[i][0] - polygon[0][0];
            long dy = polygon[i][1] - polygon[0][1];
            long d2 = dx * dx + dy * dy;
            if (d2 > best) {
                best = d2;
                k = i;
            }
        }
        // Extended index n denotes the first vertex again (closing the polygon).
        boolean[] keep = new boolean[n + 1];
        keep[0] = true;
        keep[k] = true;
        keep[n] = true;
        int[] stack = new int[2 * (n + 1)];
        int sp = 0;
        stack[sp++] = 0;
        stack[sp++] = k;
        stack[sp++] = k;
        stack[sp++] = n;
        while (sp > 0) {
            int b = stack[--sp];
            int a = stack[--sp];
            if (b - a < 2) {
                continue;
            }
            int[] pa = polygon[a % n];
            int[] pb = polygon[b % n];
            double dmax = -1;
            int idx = -1;
            for (int i = a + 1; i < b; i++) {
                double d = segmentDistance(polygon[i], pa, pb);
                if (d > dmax) {
                    dmax = d;
                    idx = i;
                }
            }
            if (dmax > epsilon) {
                keep[idx] = true;
                stack[sp++] = a;
                stack[sp++] = idx;
                stack[sp++] = idx;
                stack[sp++] = b;
            }
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                kept++;
            }
        }
        if (kept < 3) {
            // Only the first and the split vertex survived: add back the most distant other vertex.
            int idx = -1;
            double dmax = -1;
            for (int i = 1; i < n; i++) {
                if (i == k) {
                    continue;
                }
                double d = segmentDistance(polygon[i], polygon[0], polygon[k]);
                if (d > dmax) {
                    dmax = d;
                    idx = i;
                }
            }
            keep[idx] = true;
            kept++;
        }
        int[][] out = new int[kept][];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[j++] = new int[] {polygon[i][0], polygon[i][1]};
            }
        }
        return out;
    }

    private static double segmentDistance(int[] p, int[] a, int[] b) {
        double vx = b[0] - a[0];
        double vy = b[1] - a[1];
        double wx = p[0] - a[0];
        double wy = p[1] - a[1];
        double len2 = vx * vx + vy * vy;
        if (len2 == 0) {
            return Math.hypot(wx, wy);
        }
        double t = (wx * vx + wy * vy) / len2;
        if (t <= 0) {
            return Math.hypot(wx, wy);
        }
        if (t >= 1) {
            return Math.hypot(p[0] - b[0], p[1] - b[1]);
        }
        return Math.abs(vx * wy - vy * wx) / Math.sqrt(len2);
    }

    private static int[][] copy(int[][] polygon) {
        int[][] out = new int[polygon.length][];
        for (int i = 0; i < polygon.length; i++) {
            out[i] = polygon[i].clone();
        }
        return out;
    }

    /**
     * Absolute polygon area by the shoelace formula (0 for fewer than 3 points).
     *
     * @param polygon closed polygon {@code {x, y}} without repeated closing point
     * @return the absolute enclosed (signed-sum) area
     */
    public static double shoelaceArea(double[][] polygon) {
        int n = polygon.length;
        if (n < 3) {
            return 0.0;
        }
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double[] p = polygon[i];
            double[] q = polygon[(i + 1) % n];
            s += p[0] * q[1] - q[0] * p[1];
        }
        return Math.abs(s) * 0.5;
    }

    /**
     * Axis-aligned bounds of a polygon.
     *
     * @param polygon at least one point {@code {x, y}}
     * @return {@code {minX, minY, maxX, maxY}}
     * @throws IllegalArgumentException if the polygon is empty
     */
    public static double[] bounds(double[][] polygon) {
        if (polygon.length == 0) {
            throw new IllegalArgumentException("empty polygon");
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : polygon) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /**
     * Rasterises a closed polygon with integer vertices into a row-major mask.
     *
     * <p>A pixel {@code (x, y)} is set when the integer point {@code (x, y)} lies strictly inside
     * the polygon (non-zero winding rule) or exactly on one of its edges, like OpenCV
     * {@code fillPoly} on integer vertices. Degenerate polygons work: one point sets one pixel,
     * two points set the lattice points of the segment. Parts outside the image are clipped.
     *
     * @param polygon closed polygon {@code {x, y}} without repeated closing point
     * @param width   mask width
     * @param height  mask height
     * @return new mask of {@code width * height} pixels
     */
    public static boolean[] fill(int[][] polygon, int width, int height) {
        boolean[] out = new boolean[width * height];
        int n = polygon.length;
        if (n == 0 || width <= 0 || height <= 0) {
            return out;
        }
        // Edge table: edge i goes from vertex i to vertex (i + 1) % n; bucket by min y.
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (int[] p : polygon) {
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        int y0 = Math.max(minY, 0);
        int y1 = Math.min(maxY, height - 1);
        if (y0 > y1) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(edgeMinY(polygon, a), edgeMinY(polygon, b)));
        int[] active = new int[n];
        int activeCount = 0;
        int next = 0;
        double[] xs = new double[n];
        int[] dirs = new int[n];
        double[] up = new double[n];
        double[] down = new double[n];
        for (int y = y0; y <= y1; y++) {
            while (next < n && edgeMinY(polygon, order[next]) <= y) {
                active[activeCount++] = order[next++];
            }
            int crossings = 0;
            int w = 0;
            for (int j = 0; j < activeCount; j++) {
                int e = active[j];
                int[] a = polygon[e];
                int[] b = polygon[(e + 1) % n];
                int eMin = Math.min(a[1], b[1]);
                int eMax = Math.max(a[1], b[1]);
                if (eMax < y) {
                    continue; // finished: drop from the active list
                }
                active[w++] = e;
                if (eMin > y) {
                    continue; // cannot happen (bucketed by min y), kept for safety
                }
                if (a[1] == b[1]) {
                    // Horizontal edge: inclusive span.
                    setSpan(out, width, y, Math.min(a[0], b[0]), Math.max(a[0], b[0]));
                    continue;
                }
                long dy = (long) b[1] - a[1];
                long num = (long) (y - a[1]) * ((long) b[0] - a[0]);
                if (num % dy == 0) {
                    // The edge passes exactly through a lattice point on this row.
                    setSpan(out, width, y, a[0] + (int) (num / dy), a[0] + (int) (num / dy));
                }
                // Half-open rule for interior crossings: [min y, max y).
                if (y < eMax) {
                    xs[crossings] = a[0] + (double) num / dy;
                    dirs[crossings] = dy > 0 ? 1 : -1;
                    crossings++;
                }
            }
            activeCount = w;
            if (crossings < 2) {
                continue;
            }
            sortCrossings(xs, dirs, crossings, up, down);
            int winding = 0;
            double spanStart = 0;
            for (int c = 0; c < crossings; c++) {
                int before = winding;
                winding += dirs[c];
                if (before == 0 && winding != 0) {
                    spanStart = xs[c];
                } else if (before != 0 && winding == 0) {
                    // Exact for integer vertices: a non-integral crossing is >= 1/|dy| from integers.
                    setSpan(out, width, y, (int) Math.ceil(spanStart - 1e-9), (int) Math.floor(xs[c] + 1e-9));
                }
            }
        }
        return out;
    }

    private static int edgeMinY(int[][] polygon, int e) {
        return Math.min(polygon[e][1], polygon[(e + 1) % polygon.length][1]);
    }

    /** Sorts the crossings by x, keeping each direction attached (two sorted runs, merged). */
    private static void sortCrossings(double[] xs, int[] dirs, int count, double[] up, double[] down) {
        int nu = 0;
        int nd = 0;
        for (int i = 0; i < count; i++) {
            if (dirs[i] > 0) {
                up[nu++] = xs[i];
            } else {
                down[nd++] = xs[i];
            }
        }
        Arrays.sort(up, 0, nu);
        Arrays.sort(down, 0, nd);
        int i = 0;
        int j = 0;
        for (int c = 0; c < count; c++) {
            if (j >= nd || (i < nu && up[i] <= down[j])) {
                xs[c] = up[i++];
                dirs[c] = 1;
            } else {
                xs[c] = down[j++];
                dirs[c] = -1;
            }
        }
    }

    private static void setSpan(boolean[] out, int width, int y, int xa, int xb) {
        int a = Math.max(xa, 0);
        int b = Math.min(xb, width - 1);
        if (a > b) {
            return;
        }
        Arrays.fill(out, y * width + a, y * width + b + 1, true);
    }
}
