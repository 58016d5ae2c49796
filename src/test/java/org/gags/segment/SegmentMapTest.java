package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Masks painted in kept order onto -1; later masks overwrite. */
@Tag("unit")
class SegmentMapTest {
  @Test
  void laterMasksOverwriteAndEmptyStaysMinusOne() {
    BitMask.Builder a = new BitMask.Builder(4, 2);
    a.setRun(0, 0, 3).setRun(1, 0, 3);
    BitMask.Builder b = new BitMask.Builder(4, 2);
    b.setRun(1, 2, 4);
    SegmentMap map = SegmentMap.paint(4, 2, List.of(a.build(), b.build(), BitMask.empty(4, 2)));
    assertArrayEquals(new int[] {0, 0, 0, -1, 0, 0, 1, 1}, map.toArray());
    assertEquals(1, map.get(3, 1));
    assertArrayEquals(new int[] {-1, -1}, SegmentMap.paint(2, 1, List.of()).toArray());
  }
}
