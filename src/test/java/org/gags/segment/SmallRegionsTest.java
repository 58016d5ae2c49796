package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gags.segment.SmallRegions.Cleaned;
import org.gags.segment.SmallRegions.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** SAM's remove_small_regions (8-connectivity, OpenCV's label order) and postprocess_small_regions. */
@Tag("unit")
class SmallRegionsTest {
  @Test
  void smallHolesAreFilledAndLargeOnesKept() {
    BitMask m = Art.mask(
        "..........",
        ".#######..",
        ".#.#####..",
        ".###...#..",
        ".###...#..",
        ".#######..",
        "..........");
    Cleaned c = SmallRegions.remove(m, 3, Mode.HOLES);
    assertTrue(c.changed());
    assertArrayEquals(new String[] {
        "..........",
        ".#######..",
        ".#######..",
        ".###...#..",
        ".###...#..",
        ".#######..",
        ".........."}, Art.draw(c.mask()));
  }

  @Test
  void diagonalHolePixelsAreOneComponent() {
    BitMask m = Art.mask(
        "#####",
        "#.###",
        "##.##",
        "#####");
    Cleaned eight = SmallRegions.remove(m, 2, Mode.HOLES); // one hole of 2 pixels: not below 2
    assertFalse(eight.changed());
    assertSame(m, eight.mask());
    assertTrue(SmallRegions.remove(m, 3, Mode.HOLES).mask().area() == 20);
  }

  @Test
  void aSmallOuterBackgroundIsFilledToo() {
    // 10x10 image, mask on [3,6]^2: the background around it (84 px, partly outside the grown box) is below 100.
    Cleaned c = SmallRegions.remove(Art.rect(10, 10, 3, 3, 6, 6), 100, Mode.HOLES);
    assertTrue(c.changed());
    assertEquals(100, c.mask().area());
    // Not below 84: unchanged.
    assertFalse(SmallRegions.remove(Art.rect(10, 10, 3, 3, 6, 6), 84, Mode.HOLES).changed());
    // A mask spanning the image from side to side splits the background in two: above (30 px) and below (50 px).
    Cleaned split = SmallRegions.remove(Art.rect(10, 10, 0, 3, 9, 4), 41, Mode.HOLES);
    assertTrue(split.changed());
    assertEquals(new MaskBox(0, 0, 9, 4), split.mask().box());
    assertEquals(50, split.mask().area());
    // An empty mask's background is the whole image.
    assertEquals(100, SmallRegions.remove(BitMask.empty(10, 10), 101, Mode.HOLES).mask().area());
    assertFalse(SmallRegions.remove(BitMask.empty(10, 10), 100, Mode.HOLES).changed());
  }

  @Test
  void smallIslandsAreRemovedWithEightConnectivity() {
    BitMask m = Art.mask(
        "##....#",
        "##.....",
        "......#",
        ".#.....",
        "#......");
    Cleaned c = SmallRegions.remove(m, 2, Mode.ISLANDS);
    assertTrue(c.changed());
    assertArrayEquals(new String[] {
        "##.....",
        "##.....",
        ".......",
        ".#.....",
        "#......"}, Art.draw(c.mask()), "the diagonal pair is one island of 2");
    assertEquals(4, SmallRegions.remove(m, 3, Mode.ISLANDS).mask().area());
    assertFalse(SmallRegions.remove(m, 1, Mode.ISLANDS).changed());
    assertFalse(SmallRegions.remove(BitMask.empty(4, 4), 100, Mode.ISLANDS).changed());
  }

  @Test
  void whenEveryIslandIsSmallTheLargestIsKept() {
    BitMask m = Art.mask(
        "##....#",
        "##.....",
        "...#..#",
        ".#.....");
    Cleaned c = SmallRegions.remove(m, 100, Mode.ISLANDS);
    assertTrue(c.changed());
    assertArrayEquals(new String[] {"##.....", "##.....", ".......", "......."}, Art.draw(c.mask()));
  }

  @Test
  void equalLargestIslandsTieInOpenCvsBlockOrder() {
    // Raster order would put the right island first (its first pixel is on row 0); OpenCV labels
    // 2x2 blocks in raster order, and the left island's first block (rows 0-1, columns 0-1) comes first.
    BitMask m = Art.mask(
        ".....##",
        "##.....");
    assertArrayEquals(new String[] {".......", "##....."}, Art.draw(SmallRegions.remove(m, 100, Mode.ISLANDS).mask()));
    // On different row pairs both orders agree.
    BitMask n = Art.mask(
        "..##",
        "....",
        "##..");
    assertArrayEquals(new String[] {"..##", "....", "...."}, Art.draw(SmallRegions.remove(n, 100, Mode.ISLANDS).mask()));
  }

  @Test
  void randomMasksEqualTheFullImageTranscription() {
    SplittableRandom rnd = new SplittableRandom(3);
    int[][] sizes = {{1, 1}, {2, 3}, {9, 7}, {31, 17}, {64, 48}, {100, 75}};
    int[] areas = {1, 2, 5, 30, 100, 400};
    boolean[] changed = new boolean[1];
    for (int[] s : sizes) {
      for (int k = 0; k < 40; k++) {
        boolean[] p = k % 13 == 12 ? new boolean[s[0] * s[1]] : Naive.randomMask(rnd, s[0], s[1]);
        BitMask m = BitMask.fromPixels(p, s[0], s[1]);
        for (int area : areas) {
          for (Mode mode : Mode.values()) {
            boolean[] expected = Naive.removeSmallRegions(p, s[0], s[1], area, mode == Mode.HOLES, changed);
            Cleaned c = SmallRegions.remove(m, area, mode);
            String what = s[0] + "x" + s[1] + " mask " + k + " area " + area + " " + mode;
            assertEquals(changed[0], c.changed(), what);
            assertEquals(BitMask.fromPixels(expected, s[0], s[1]), c.mask(), what);
          }
        }
      }
    }
  }

  @Test
  void postprocessScoresUnchangedMasksFirstAndReRunsBoxNms() {
    int w = 40;
    int h = 30;
    BitMask clean = Art.rect(w, h, 0, 0, 19, 19);
    BitMask.Builder speckled = new BitMask.Builder(w, h).addAll(Art.rect(w, h, 22, 0, 39, 19));
    speckled.set(30, 28); // a one-pixel island, removed
    BitMask lower = Art.rect(w, h, 0, 22, 15, 29);
    BitMask.Builder dup = new BitMask.Builder(w, h).addAll(Art.rect(w, h, 1, 0, 19, 19));
    dup.set(5, 27); // after cleanup its box equals clean's box region closely
    List<MaskRecord> in = new ArrayList<>();
    in.add(new MaskRecord(0, speckled.build(), 0.9f, 0.9f));
    in.add(new MaskRecord(1, dup.build(), 0.9f, 0.9f));
    in.add(new MaskRecord(2, clean, 0.8f, 0.9f));
    in.add(new MaskRecord(3, lower, 0.8f, 0.9f));
    List<MaskRecord> out = SmallRegions.postprocess(in, 10, 0.7, 1);
    // Unchanged (score 1) first: clean (2), lower (3); then changed: speckled (0); dup (1) is
    // suppressed by clean, a kept higher-scored box.
    assertEquals(List.of(2, 3, 0), out.stream().map(MaskRecord::promptIndex).toList());
    assertEquals(Art.rect(w, h, 22, 0, 39, 19), out.get(2).mask());
    assertEquals(0.9f, out.get(2).predictedIou());
    assertSame(in.get(2), out.get(0));
    assertEquals(in, SmallRegions.postprocess(in, 0, 0.7, 1), "area 0 skips the step");
  }
}
