package org.gags.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class MaskPolygonsTest {

    // ------------------------------------------------------------------ helpers

    /** Mask from ASCII art: '#' set, anything else clear; all rows must have equal length. */
    private static boolean[] art(String... rows) {
        int w = rows[0].length();
        boolean[] m = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            assertEquals(w, rows[y].length(), "ragged art");
            for (int x = 0; x < w; x++) {
                m[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return m;
    }

    private static boolean[] disc(int w, int h, double cx, double cy, double r) {
        boolean[] m = new boolean[w * h];
        paintDisc(m, w, h, cx, cy, r, true);
        return m;
    }

    private static void paintDisc(boolean[] m, int w, int h, double cx, double cy, double r, boolean v) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    m[y * w + x] = v;
                }
            }
        }
    }

    /** Independent 8-connected labelling; components in raster order of their first pixel. */
    private static List<boolean[]> components(boolean[] mask, int w, int h) {
        int[] label = new int[w * h];
        List<boolean[]> out = new ArrayList<>();
        int[] stack = new int[w * h];
        for (int i = 0; i < w * h; i++) {
            if (!mask[i] || label[i] != 0) {
                continue;
            }
            boolean[] comp = new boolean[w * h];
            int id = out.size() + 1;
            int sp = 0;
            stack[sp++] = i;
            label[i] = id;
            while (sp > 0) {
                int p = stack[--sp];
                comp[p] = true;
                int px = p % w;
                int py = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int qx = px + dx;
                        int qy = py + dy;
                        if (qx >= 0 && qy >= 0 && qx < w && qy < h && mask[qy * w + qx] && label[qy * w + qx] == 0) {
                            label[qy * w + qx] = id;
                            stack[sp++] = qy * w + qx;
                        }
                    }
                }
            }
            out.add(comp);
        }
        return out;
    }

    /**
     * Fills holes: background is 4-connected (dual of 8-connected foreground); everything not
     * reachable from the image border through background becomes foreground.
     */
    private static boolean[] fillHoles(boolean[] mask, int w, int h) {
        boolean[] outside = new boolean[w * h];
        int[] stack = new int[w * h];
        int sp = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && !mask[i] && !outside[i]) {
                    outside[i] = true;
                    stack[sp++] = i;
                }
            }
        }
        int[] ddx = {1, -1, 0, 0};
        int[] ddy = {0, 0, 1, -1};
        while (sp > 0) {
            int p = stack[--sp];
            for (int d = 0; d < 4; d++) {
                int qx = p % w + ddx[d];
                int qy = p / w + ddy[d];
                if (qx >= 0 && qy >= 0 && qx < w && qy < h) {
                    int q = qy * w + qx;
                    if (!mask[q] && !outside[q]) {
                        outside[q] = true;
                        stack[sp++] = q;
                    }
                }
            }
        }
        boolean[] out = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            out[i] = !outside[i];
        }
        return out;
    }

    private static double signedArea(int[][] poly) {
        double s = 0;
        for (int i = 0; i < poly.length; i++) {
            int[] p = poly[i];
            int[] q = poly[(i + 1) % poly.length];
            s += (double) p[0] * q[1] - (double) q[0] * p[1];
        }
        return s / 2;
    }

    private static double[][] toDouble(int[][] poly) {
        double[][] d = new double[poly.length][];
        for (int i = 0; i < poly.length; i++) {
            d[i] = new double[] {poly[i][0], poly[i][1]};
        }
        return d;
    }

    private static int count(boolean[] m) {
        int c = 0;
        for (boolean b : m) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    private static double iou(boolean[] a, boolean[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                inter++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    private static void assertMaskEquals(boolean[] expected, boolean[] actual, int w, String msg) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(msg + ": first mismatch at x=" + (i % w) + " y=" + (i / w) + " expected " + expected[i]
                        + " (expected " + count(expected) + " px, got " + count(actual) + " px)");
            }
        }
    }

    /**
     * Full property check: one polygon per component in raster order; every polygon vertex is a
     * border pixel of its component; consecutive vertices are distinct 8-neighbours; orientation
     * is consistent (signed area &le; 0); fill(polygon) equals the hole-filled component.
     */
    private static void checkTraceReproducesComponents(boolean[] mask, int w, int h, String ctx) {
        List<boolean[]> comps = components(mask, w, h);
        List<int[][]> polys = MaskPolygons.trace(mask, w, h, 1);
        assertEquals(comps.size(), polys.size(), ctx + ": component count");
        for (int c = 0; c < comps.size(); c++) {
            boolean[] comp = comps.get(c);
            int[][] poly = polys.get(c);
            String cc = ctx + " component " + c;
            assertTrue(poly.length >= 1, cc);
            int first = -1;
            for (int i = 0; i < comp.length; i++) {
                if (comp[i]) {
                    first = i;
                    break;
                }
            }
            assertArrayEquals(new int[] {first % w, first / w}, poly[0], cc + ": starts at raster-first pixel");
            for (int i = 0; i < poly.length; i++) {
                int[] p = poly[i];
                assertTrue(comp[p[1] * w + p[0]], cc + ": vertex not in component");
                if (poly.length > 1) {
                    int[] q = poly[(i + 1) % poly.length];
                    int adx = Math.abs(p[0] - q[0]);
                    int ady = Math.abs(p[1] - q[1]);
                    assertTrue(Math.max(adx, ady) == 1, cc + ": consecutive vertices must be 8-neighbours");
                }
            }
            assertTrue(signedArea(poly) <= 0, cc + ": orientation");
            assertMaskEquals(fillHoles(comp, w, h), MaskPolygons.fill(poly, w, h), w, cc);
        }
    }

    // ------------------------------------------------------------------ trace: hand-computed cases

    @Test
    void filledRectangleTracesToFourCorners() {
        int w = 12;
        int h = 10;
        boolean[] m = new boolean[w * h];
        for (int y = 3; y <= 6; y++) {
            for (int x = 2; x <= 7; x++) {
                m[y * w + x] = true;
            }
        }
        List<int[][]> polys = MaskPolygons.trace(m, w, h, 1);
        assertEquals(1, polys.size());
        int[][] poly = polys.get(0);
        assertEquals(2 * (6 + 4) - 4, poly.length, "one vertex per perimeter pixel");
        assertMaskEquals(m, MaskPolygons.fill(poly, w, h), w, "fill(trace)");
        int[][] simple = MaskPolygons.simplify(poly, 0.5);
        // Starts at the raster-first pixel, goes down first (counter-clockwise as displayed).
        assertArrayEquals(new int[][] {{2, 3}, {2, 6}, {7, 6}, {7, 3}}, simple);
        assertMaskEquals(m, MaskPolygons.fill(simple, w, h), w, "fill(simplify(trace))");
        assertEquals(5.0 * 3.0, MaskPolygons.shoelaceArea(toDouble(simple)), 1e-12);
        assertArrayEquals(new double[] {2, 3, 7, 6}, MaskPolygons.bounds(toDouble(simple)), 0.0);
    }

    @Test
    void twoByTwoBlockHandTraced() {
        boolean[] m = art("##", "##");
        assertArrayEquals(new int[][] {{0, 0}, {0, 1}, {1, 1}, {1, 0}}, MaskPolygons.trace(m, 2, 2, 1).get(0));
    }

    @Test
    void singlePixel() {
        boolean[] m = art(
                ".....",
                ".....",
                ".....",
                "..#..",
                ".....");
        List<int[][]> polys = MaskPolygons.trace(m, 5, 5, 1);
        assertEquals(1, polys.size());
        assertArrayEquals(new int[][] {{2, 3}}, polys.get(0));
        assertMaskEquals(m, MaskPolygons.fill(polys.get(0), 5, 5), 5, "single pixel");
        assertArrayEquals(new int[][] {{2, 3}}, MaskPolygons.simplify(polys.get(0), 1.0));
    }

    @Test
    void singlePixelsAtImageCorners() {
        boolean[] m = art(
                "#...#",
                ".....",
                "#...#");
        List<int[][]> polys = MaskPolygons.trace(m, 5, 3, 1);
        assertEquals(4, polys.size());
        assertArrayEquals(new int[][] {{0, 0}}, polys.get(0));
        assertArrayEquals(new int[][] {{4, 0}}, polys.get(1));
        assertArrayEquals(new int[][] {{0, 2}}, polys.get(2));
        assertArrayEquals(new int[][] {{4, 2}}, polys.get(3));
    }

    @Test
    void twoPixelsGiveTwoPointPolygon() {
        boolean[] m = art("....", ".##.", "....");
        List<int[][]> polys = MaskPolygons.trace(m, 4, 3, 1);
        assertArrayEquals(new int[][] {{1, 1}, {2, 1}}, polys.get(0));
        assertMaskEquals(m, MaskPolygons.fill(polys.get(0), 4, 3), 4, "two pixels");
    }

    @Test
    void diagonalLineIsTracedOutAndBack() {
        boolean[] m = art(
                "......",
                ".#....",
                "..#...",
                "...#..",
                "....#.",
                "......");
        List<int[][]> polys = MaskPolygons.trace(m, 6, 6, 1);
        assertEquals(1, polys.size(), "diagonal pixels are one 8-connected component");
        assertArrayEquals(new int[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {3, 3}, {2, 2}}, polys.get(0));
        assertMaskEquals(m, MaskPolygons.fill(polys.get(0), 6, 6), 6, "diagonal");
        assertEquals(0.0, MaskPolygons.shoelaceArea(toDouble(polys.get(0))), 0.0);
    }

    @Test
    void antiDiagonalAndHorizontalLines() {
        boolean[] anti = art(
                "....#",
                "...#.",
                "..#..",
                ".#...",
                "#....");
        checkTraceReproducesComponents(anti, 5, 5, "anti-diagonal");
        assertEquals(8, MaskPolygons.trace(anti, 5, 5, 1).get(0).length);
        boolean[] horiz = art(".....", "#####", ".....");
        int[][] p = MaskPolygons.trace(horiz, 5, 3, 1).get(0);
        assertArrayEquals(new int[][] {{0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 1}, {3, 1}, {2, 1}, {1, 1}}, p);
        checkTraceReproducesComponents(horiz, 5, 3, "horizontal");
        boolean[] vert = art(".#.", ".#.", ".#.", ".#.");
        checkTraceReproducesComponents(vert, 3, 4, "vertical");
    }

    @Test
    void lShape() {
        boolean[] m = art(
                "........",
                ".##.....",
                ".##.....",
                ".##.....",
                ".######.",
                ".######.",
                "........");
        List<int[][]> polys = MaskPolygons.trace(m, 8, 7, 1);
        assertEquals(1, polys.size());
        assertMaskEquals(m, MaskPolygons.fill(polys.get(0), 8, 7), 8, "L");
        int[][] simple = MaskPolygons.simplify(polys.get(0), 0.5);
        // The tracer cuts the concave corner diagonally (3,4) -> (2,3); pixel (2,4) is interior.
        assertArrayEquals(new int[][] {{1, 1}, {1, 5}, {6, 5}, {6, 4}, {3, 4}, {2, 3}, {2, 1}}, simple);
        assertMaskEquals(m, MaskPolygons.fill(simple, 8, 7), 8, "L simplified");
        checkTraceReproducesComponents(m, 8, 7, "L");
    }

    @Test
    void uShapeIsNotFilledAcrossTheOpening() {
        boolean[] m = art(
                ".........",
                ".##...##.",
                ".##...##.",
                ".##...##.",
                ".#######.",
                ".........");
        List<int[][]> polys = MaskPolygons.trace(m, 9, 6, 1);
        assertEquals(1, polys.size());
        boolean[] f = MaskPolygons.fill(polys.get(0), 9, 6);
        assertMaskEquals(m, f, 9, "U");
        assertTrue(!f[2 * 9 + 4], "inside of the U stays clear");
        checkTraceReproducesComponents(m, 9, 6, "U");
    }

    @Test
    void thinUShapeAndSpiral() {
        boolean[] thinU = art(
                "#...#",
                "#...#",
                "#####");
        checkTraceReproducesComponents(thinU, 5, 3, "thin U");
        boolean[] spiral = art(
                "#########",
                "#.......#",
                "#.#####.#",
                "#.#...#.#",
                "#.#.#.#.#",
                "#.#.#...#",
                "#.#.#####",
                "#.#......",
                "#########");
        checkTraceReproducesComponents(spiral, 9, 9, "spiral");
        // One component whose corridor reaches the border at (8,7): no holes, the fill must not close it.
        assertEquals(1, MaskPolygons.trace(spiral, 9, 9, 1).size());
        assertMaskEquals(spiral, MaskPolygons.fill(MaskPolygons.trace(spiral, 9, 9, 1).get(0), 9, 9), 9, "spiral");
    }

    @Test
    void diagonalOnlyConnectionsAndPinches() {
        boolean[] checker = art(
                "#.#.#",
                ".#.#.",
                "#.#.#",
                ".#.#.",
                "#.#.#");
        assertEquals(1, MaskPolygons.trace(checker, 5, 5, 1).size());
        checkTraceReproducesComponents(checker, 5, 5, "checkerboard");
        boolean[] x = art(
                "#...#",
                ".#.#.",
                "..#..",
                ".#.#.",
                "#...#");
        checkTraceReproducesComponents(x, 5, 5, "X");
        boolean[] bowtie = art(
                "##....",
                "##....",
                "..##..",
                "..##..",
                "....##",
                "....##");
        checkTraceReproducesComponents(bowtie, 6, 6, "bow tie");
        // A background pixel enclosed 4-wise is a hole for an 8-connected object and gets filled.
        boolean[] diamond = art(
                ".#.",
                "#.#",
                ".#.");
        int[][] p = MaskPolygons.trace(diamond, 3, 3, 1).get(0);
        assertArrayEquals(new int[][] {{1, 0}, {0, 1}, {1, 2}, {2, 1}}, p);
        assertMaskEquals(art(".#.", "###", ".#."), MaskPolygons.fill(p, 3, 3), 3, "diamond");
    }

    @Test
    void shapesTouchingTheImageBorder() {
        boolean[] m = art(
                "#.#####",
                "###...#",
                "#.#.#.#",
                "#...###");
        checkTraceReproducesComponents(m, 7, 4, "border");
        boolean[] full = new boolean[6 * 4];
        java.util.Arrays.fill(full, true);
        int[][] simple = MaskPolygons.simplify(MaskPolygons.trace(full, 6, 4, 1).get(0), 0.5);
        assertArrayEquals(new int[][] {{0, 0}, {0, 3}, {5, 3}, {5, 0}}, simple);
    }

    @Test
    void twoBlobsInRasterOrder() {
        boolean[] m = art(
                "..........",
                "......###.",
                ".###..###.",
                ".###..###.",
                ".###......",
                "..........");
        List<int[][]> polys = MaskPolygons.trace(m, 10, 6, 1);
        assertEquals(2, polys.size());
        assertArrayEquals(new int[] {6, 1}, polys.get(0)[0], "blob whose first pixel comes first in raster order");
        assertArrayEquals(new int[] {1, 2}, polys.get(1)[0]);
        checkTraceReproducesComponents(m, 10, 6, "two blobs");
    }

    @Test
    void minAreaFilter() {
        boolean[] m = art(
                "#.........",
                "....##....",
                "....##..##",
                "........##",
                ".###......",
                ".###......",
                ".###......");
        assertEquals(4, MaskPolygons.trace(m, 10, 7, 0).size());
        assertEquals(4, MaskPolygons.trace(m, 10, 7, 1).size());
        List<int[][]> p4 = MaskPolygons.trace(m, 10, 7, 4);
        assertEquals(3, p4.size());
        assertArrayEquals(new int[] {4, 1}, p4.get(0)[0]);
        assertArrayEquals(new int[] {8, 2}, p4.get(1)[0]);
        assertArrayEquals(new int[] {1, 4}, p4.get(2)[0]);
        List<int[][]> p5 = MaskPolygons.trace(m, 10, 7, 5);
        assertEquals(1, p5.size());
        assertArrayEquals(new int[] {1, 4}, p5.get(0)[0]);
        assertEquals(1, MaskPolygons.trace(m, 10, 7, 9).size());
        assertEquals(0, MaskPolygons.trace(m, 10, 7, 10).size());
    }

    @Test
    void emptyMasks() {
        assertEquals(0, MaskPolygons.trace(new boolean[20], 5, 4, 1).size());
        assertEquals(0, MaskPolygons.trace(new boolean[0], 0, 0, 1).size());
        assertThrows(IllegalArgumentException.class, () -> MaskPolygons.trace(new boolean[3], 2, 2, 1));
    }

    @Test
    void discRadius40() {
        int w = 100;
        int h = 100;
        boolean[] m = disc(w, h, 50, 50, 40);
        List<int[][]> polys = MaskPolygons.trace(m, w, h, 1);
        assertEquals(1, polys.size());
        int[][] poly = polys.get(0);
        assertMaskEquals(m, MaskPolygons.fill(poly, w, h), w, "disc");
        int[][] simple = MaskPolygons.simplify(poly, 1.0);
        double iou = iou(m, MaskPolygons.fill(simple, w, h));
        assertTrue(iou > 0.97, "IoU " + iou);
        assertTrue(simple.length * 4 < poly.length, simple.length + " vs " + poly.length);
        assertTrue(simple.length >= 8, "still a polygon: " + simple.length);
        double area = MaskPolygons.shoelaceArea(toDouble(simple));
        assertEquals(Math.PI * 40 * 40, area, 0.05 * Math.PI * 40 * 40);
        double[] b = MaskPolygons.bounds(toDouble(poly));
        assertArrayEquals(new double[] {10, 10, 90, 90}, b, 0.0);
    }

    @Test
    void ringIgnoresTheHole() {
        int w = 80;
        int h = 70;
        boolean[] full = disc(w, h, 40, 35, 30);
        boolean[] ring = full.clone();
        paintDisc(ring, w, h, 40, 35, 12, false);
        List<int[][]> polys = MaskPolygons.trace(ring, w, h, 1);
        assertEquals(1, polys.size());
        assertMaskEquals(full, MaskPolygons.fill(polys.get(0), w, h), w, "ring outer boundary");
    }

    @Test
    void blobInsideRingIsSeparateComponent() {
        int w = 60;
        int h = 60;
        boolean[] m = disc(w, h, 30, 30, 25);
        paintDisc(m, w, h, 30, 30, 15, false);
        paintDisc(m, w, h, 30, 30, 6, true);
        List<int[][]> polys = MaskPolygons.trace(m, w, h, 1);
        assertEquals(2, polys.size());
        assertMaskEquals(disc(w, h, 30, 30, 25), MaskPolygons.fill(polys.get(0), w, h), w, "outer");
        assertMaskEquals(disc(w, h, 30, 30, 6), MaskPolygons.fill(polys.get(1), w, h), w, "inner");
    }

    // ------------------------------------------------------------------ property tests

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomDiscUnionsReproduceHoleFilledComponents(long seed) {
        int w = 200;
        int h = 150;
        Random rnd = new Random(seed);
        boolean[] m = new boolean[w * h];
        int discs = 3 + rnd.nextInt(15);
        for (int i = 0; i < discs; i++) {
            double cx = rnd.nextDouble() * w;
            double cy = rnd.nextDouble() * h;
            double r = 0.5 + rnd.nextDouble() * 25;
            paintDisc(m, w, h, cx, cy, r, true);
        }
        // Some erasing discs make rings, bites and thin necks.
        int holes = rnd.nextInt(6);
        for (int i = 0; i < holes; i++) {
            paintDisc(m, w, h, rnd.nextDouble() * w, rnd.nextDouble() * h, 1 + rnd.nextDouble() * 10, false);
        }
        checkTraceReproducesComponents(m, w, h, "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118,
        119, 120})
    void randomNoiseReproducesHoleFilledComponents(long seed) {
        // Salt noise is the hardest case: pinches, diagonal-only links, 1-px spurs and 4-enclosed holes.
        int w = 41;
        int h = 29;
        Random rnd = new Random(seed);
        double density = 0.25 + 0.5 * rnd.nextDouble();
        boolean[] m = new boolean[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextDouble() < density;
        }
        checkTraceReproducesComponents(m, w, h, "noise seed " + seed + " density " + density);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9, 10, 11})
    void simplifyKeepsSubsetAndFirstPoint(long seed) {
        int w = 120;
        int h = 90;
        Random rnd = new Random(seed);
        boolean[] m = new boolean[w * h];
        for (int i = 0; i < 6; i++) {
            paintDisc(m, w, h, 20 + rnd.nextDouble() * 80, 20 + rnd.nextDouble() * 50, 5 + rnd.nextDouble() * 15, true);
        }
        for (int[][] poly : MaskPolygons.trace(m, w, h, 1)) {
            for (double eps : new double[] {0.0, 0.5, 1.0, 2.0, 1000.0}) {
                int[][] s = MaskPolygons.simplify(poly, eps);
                assertTrue(s.length <= poly.length);
                if (poly.length >= 3) {
                    assertTrue(s.length >= 3, "eps " + eps + " kept " + s.length);
                }
                assertArrayEquals(poly[0], s[0]);
                // Subsequence of the input.
                int j = 0;
                for (int[] p : poly) {
                    if (j < s.length && p[0] == s[j][0] && p[1] == s[j][1]) {
                        j++;
                    }
                }
                assertEquals(s.length, j, "simplified polygon must be a subsequence");
            }
            // eps = 0 only drops exactly collinear vertices, so the fill is unchanged.
            assertMaskEquals(MaskPolygons.fill(poly, w, h), MaskPolygons.fill(MaskPolygons.simplify(poly, 0.0), w, h),
                    w, "eps 0");
        }
    }

    // ------------------------------------------------------------------ simplify / area / bounds / fill

    @Test
    void simplifyEdgeCases() {
        assertEquals(0, MaskPolygons.simplify(new int[0][], 1.0).length);
        int[][] two = {{1, 2}, {3, 4}};
        int[][] s2 = MaskPolygons.simplify(two, 1.0);
        assertArrayEquals(two, s2);
        assertTrue(s2 != two && s2[0] != two[0], "returns a copy");
        // Degenerate out-and-back line still keeps 3 points.
        int[][] line = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {2, 2}, {1, 1}};
        int[][] sl = MaskPolygons.simplify(line, 0.5);
        assertEquals(3, sl.length);
        assertArrayEquals(new int[] {0, 0}, sl[0]);
        // Triangle with huge epsilon keeps its 3 points; input is not modified.
        int[][] tri = {{0, 0}, {10, 0}, {0, 10}};
        assertArrayEquals(tri, MaskPolygons.simplify(tri, 1e9));
        assertArrayEquals(new int[][] {{0, 0}, {10, 0}, {0, 10}}, tri);
        // Square with midpoints, huge epsilon: first, farthest and the best third vertex.
        int[][] sq = {{0, 0}, {0, 5}, {0, 10}, {5, 10}, {10, 10}, {10, 5}, {10, 0}, {5, 0}};
        int[][] ss = MaskPolygons.simplify(sq, 1e9);
        assertEquals(3, ss.length);
        assertArrayEquals(new int[] {0, 0}, ss[0]);
        assertArrayEquals(new int[] {10, 10}, ss[2]);
        assertArrayEquals(new int[][] {{0, 0}, {0, 10}, {10, 10}, {10, 0}}, MaskPolygons.simplify(sq, 0.5));
        // All points identical.
        assertEquals(3, MaskPolygons.simplify(new int[][] {{2, 2}, {2, 2}, {2, 2}, {2, 2}}, 1.0).length);
    }

    @Test
    void simplifyHandlesVeryLongPolygonsWithoutStackOverflow() {
        // A long zig-zag staircase: many levels of splitting.
        int n = 20_000;
        int[][] poly = new int[n][];
        for (int i = 0; i < n / 2; i++) {
            poly[i] = new int[] {i, (i % 2) * 3};
        }
        for (int i = 0; i < n / 2; i++) {
            poly[n / 2 + i] = new int[] {n / 2 - 1 - i, 100 + (i % 2) * 3};
        }
        int[][] s = MaskPolygons.simplify(poly, 0.5);
        assertEquals(n, s.length, "zig-zag of amplitude 3 survives eps 0.5");
        assertTrue(MaskPolygons.simplify(poly, 10.0).length < 10);
    }

    @Test
    void shoelaceAndBounds() {
        double[][] rect = {{0, 0}, {10, 0}, {10, 5}, {0, 5}};
        assertEquals(50.0, MaskPolygons.shoelaceArea(rect), 1e-12);
        double[][] reversed = {{0, 5}, {10, 5}, {10, 0}, {0, 0}};
        assertEquals(50.0, MaskPolygons.shoelaceArea(reversed), 1e-12);
        assertEquals(12.5, MaskPolygons.shoelaceArea(new double[][] {{1, 1}, {6, 1}, {1, 6}}), 1e-12);
        assertEquals(0.0, MaskPolygons.shoelaceArea(new double[][] {{1, 1}, {6, 1}}), 0.0);
        assertEquals(0.0, MaskPolygons.shoelaceArea(new double[0][]), 0.0);
        assertArrayEquals(new double[] {0, 0, 10, 5}, MaskPolygons.bounds(rect), 0.0);
        assertArrayEquals(new double[] {-1.5, 2, 3, 7.25},
                MaskPolygons.bounds(new double[][] {{3, 2}, {-1.5, 7.25}, {0, 4}}), 0.0);
        assertArrayEquals(new double[] {4, 5, 4, 5}, MaskPolygons.bounds(new double[][] {{4, 5}}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> MaskPolygons.bounds(new double[0][]));
    }

    @Test
    void fillTriangleIncludesBoundaryLatticePoints() {
        int w = 6;
        int h = 6;
        boolean[] f = MaskPolygons.fill(new int[][] {{0, 0}, {4, 0}, {0, 4}}, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(x + y <= 4, f[y * w + x], "x=" + x + " y=" + y);
            }
        }
        // Same triangle in the other orientation.
        assertMaskEquals(f, MaskPolygons.fill(new int[][] {{0, 0}, {0, 4}, {4, 0}}, w, h), w, "reversed");
    }

    @Test
    void fillSegmentAndClipping() {
        int w = 6;
        int h = 4;
        boolean[] seg = MaskPolygons.fill(new int[][] {{0, 0}, {4, 2}}, w, h);
        boolean[] expected = new boolean[w * h];
        expected[0] = true;
        expected[1 * w + 2] = true;
        expected[2 * w + 4] = true;
        assertMaskEquals(expected, seg, w, "segment lattice points only");
        // A large square around the image fills everything.
        boolean[] all = MaskPolygons.fill(new int[][] {{-10, -10}, {-10, 20}, {20, 20}, {20, -10}}, w, h);
        assertEquals(w * h, count(all));
        // Partly outside.
        boolean[] part = MaskPolygons.fill(new int[][] {{-3, -3}, {-3, 1}, {2, 1}, {2, -3}}, w, h);
        assertEquals(3 * 2, count(part));
        assertTrue(part[0] && part[2] && part[w + 2] && !part[3] && !part[2 * w]);
        assertEquals(0, count(MaskPolygons.fill(new int[0][], w, h)));
        assertEquals(0, count(MaskPolygons.fill(new int[][] {{50, 50}, {60, 50}, {60, 60}}, w, h)));
        assertEquals(1, count(MaskPolygons.fill(new int[][] {{5, 3}}, w, h)));
    }

    @Test
    void fillSelfTouchingPolygonUsesNonZeroWinding() {
        // Two squares sharing the vertex (2,2), traversed as one closed curve with the same orientation.
        int[][] poly = {{0, 0}, {0, 2}, {2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}, {2, 0}};
        boolean[] f = MaskPolygons.fill(poly, 5, 5);
        boolean[] expected = art(
                "###..",
                "###..",
                "#####",
                "..###",
                "..###");
        assertMaskEquals(expected, f, 5, "two squares");
    }

    // ------------------------------------------------------------------ performance

    @Test
    void largeMasksAreFast() {
        int w = 1000;
        int h = 1000;
        Random rnd = new Random(42);
        boolean[] noise = new boolean[w * h];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextDouble() < 0.55;
        }
        boolean[] big = disc(w, h, 500, 500, 480);
        boolean[] full = new boolean[w * h];
        java.util.Arrays.fill(full, true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<int[][]> np = MaskPolygons.trace(noise, w, h, 1);
            assertTrue(np.size() > 100);
            int[][] bp = MaskPolygons.trace(big, w, h, 1).get(0);
            assertMaskEquals(big, MaskPolygons.fill(bp, w, h), w, "big disc");
            int[][] fp = MaskPolygons.trace(full, w, h, 1).get(0);
            assertEquals(4 * 999, fp.length);
            assertEquals(4, MaskPolygons.simplify(fp, 0.5).length);
            // The giant percolating noise component: its fill must equal its hole-filled version.
            int biggest = 0;
            for (int i = 1; i < np.size(); i++) {
                if (np.get(i).length > np.get(biggest).length) {
                    biggest = i;
                }
            }
            boolean[] f = MaskPolygons.fill(np.get(biggest), w, h);
            assertTrue(count(f) > w * h / 4);
            MaskPolygons.simplify(np.get(biggest), 1.0);
        });
    }
}
