package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Patch and cell geometry against values worked out by hand from NumPy's linspace rule. */
@Tag("unit")
class PatchGeometryTest {
  @Test
  void patchOriginsAndSizesFollowNumpyLinspaceFor988x731() {
    PatchGrid g = PatchGrid.of(988, 731, 8);
    // 987/8 = 123.375: 0, 123.375, 246.75, 370.125, 493.5, 616.875, 740.25, 863.625, truncated.
    assertArrayEquals(new int[] {0, 123, 246, 370, 493, 616, 740, 863}, g.columnOrigins());
    // 730/8 = 91.25: 0, 91.25, 182.5, 273.75, 365, 456.25, 547.5, 638.75.
    assertArrayEquals(new int[] {0, 91, 182, 273, 365, 456, 547, 638}, g.rowOrigins());
    assertEquals(123, g.patchWidth());
    assertEquals(91, g.patchHeight());
    assertEquals(64, g.count());
  }

  @Test
  void patchesGoXOuterYInnerAndLeaveTheReferencesGapsAndOverlaps() {
    PatchGrid g = PatchGrid.of(988, 731, 8);
    assertEquals(new PatchGrid.Patch(0, 0, 123, 91), g.patch(0));
    assertEquals(new PatchGrid.Patch(0, 91, 123, 91), g.patch(1), "y varies fastest");
    assertEquals(new PatchGrid.Patch(123, 0, 123, 91), g.patch(8));
    assertEquals(new PatchGrid.Patch(863, 638, 123, 91), g.patch(63), "columns 986-987 and rows 729-730 are in no patch");
    // Patch columns 2 and 3 ([246, 369) and [370, 493)) leave column 369 out; [493, 616) and [616, 739) touch.
    assertEquals(369, g.patch(16).x0() + g.patch(16).width());
    assertThrows(IndexOutOfBoundsException.class, () -> g.patch(64));
  }

  @Test
  void originsMatchNumpyOnSmallSizes() {
    // numpy.linspace(0, 12, 11)[:-1].astype(np.int32) = [0 1 2 3 4 6 7 8 9 10] (k·1.2 truncated; 6.0 is exact).
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6, 7, 8, 9, 10}, PatchGrid.origins(13, 10));
    // numpy.linspace(0, 11, 5)[:-1].astype(np.int32) = [0 2 5 8].
    assertArrayEquals(new int[] {0, 2, 5, 8}, PatchGrid.origins(12, 4));
    assertArrayEquals(new int[] {0, 0, 0}, PatchGrid.origins(1, 3));
  }

  @Test
  void tooSmallImagesAreRefusedWithTheirSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatchGrid.of(7, 100, 8));
    assertEquals("a 7x100 image is too small for 8x8 patches (each needs a pixel)", e.getMessage());
  }
}
