package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TrainingResolutionTest {

  @Test
  void halfSizeRoundsHalvesToEvenAsPython() {
    assertEquals(new TrainingResolution(494, 366), TrainingResolution.half(988, 731));
    assertEquals(new TrainingResolution(494, 366), TrainingResolution.half(989, 731));
    assertEquals(new TrainingResolution(494, 366), TrainingResolution.half(987, 733));
    for (String[] f : TorchFixtures.lines("round")) {
      assertEquals(Integer.parseInt(f[2]), TrainingResolution.roundHalfEven(Integer.parseInt(f[1]), 2), "round " + f[1]);
    }
    assertEquals(new TrainingResolution(330, 244), TrainingResolution.of(989, 731, 3));
  }

  @Test
  void nearestIndicesEqualTorchInterpolate() {
    int checked = 0;
    for (String[] f : TorchFixtures.lines("nearest")) {
      int in = Integer.parseInt(f[1]);
      int out = Integer.parseInt(f[2]);
      for (int d = 0; d < out; d++) {
        assertEquals(Integer.parseInt(f[3 + d]), TrainingResolution.nearestSource(d, in, out), in + "→" + out + " at " + d);
        checked++;
      }
    }
    assertEquals(494 + 494 + 366 + 3 + 8 + 6 + 7 + 333 + 731, checked);
  }

  @Test
  void resizesAMapRowsAndColumnsByTheSameRule() {
    int[] ids = new int[5 * 3];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    // 5x3 → 3x2: columns 0,1,3 (floor(d·5/3)), rows 0,1 (floor(d·1.5)).
    assertArrayEquals(new int[] {0, 1, 3, 5, 6, 8}, new TrainingResolution(3, 2).resizeNearest(ids, 5, 3));
    // Same size is the identity; doubling repeats.
    assertArrayEquals(ids, new TrainingResolution(5, 3).resizeNearest(ids, 5, 3));
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 1, 1}, new TrainingResolution(4, 2).resizeNearest(new int[] {0, 1}, 2, 1));
    // -1 (no mask) travels like any id.
    assertArrayEquals(new int[] {-1, -1, 7}, new TrainingResolution(3, 1).resizeNearest(new int[] {-1, 7}, 2, 1));
  }

  @Test
  void refusesBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> TrainingResolution.half(1, 10));
    assertThrows(IllegalArgumentException.class, () -> TrainingResolution.of(10, 10, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TrainingResolution(2, 2).resizeNearest(new int[5], 2, 2));
    assertEquals("segment map must hold 2x2 = 4 ids, found 5", e.getMessage());
  }
}
