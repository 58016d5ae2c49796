package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The row-major, LEB128 run-length format: hand cases, round trips, bad input. */
@Tag("unit")
class MaskRleTest {
  @Test
  void countsAreRowMajorAndStartWithZeros() {
    // 3x2:  . # #
    //       # . .
    BitMask m = BitMask.fromPixels(new boolean[] {false, true, true, true, false, false}, 3, 2);
    assertArrayEquals(new int[] {1, 3, 2}, MaskRle.counts(m)); // the run crossing the row end is one run
    BitMask first = BitMask.fromPixels(new boolean[] {true, false, false, true}, 2, 2);
    assertArrayEquals(new int[] {0, 1, 2, 1}, MaskRle.counts(first));
    assertArrayEquals(new int[] {988 * 731}, MaskRle.counts(BitMask.empty(988, 731)));
    BitMask.Builder full = new BitMask.Builder(5, 4);
    for (int y = 0; y < 4; y++) {
      full.setRun(y, 0, 5);
    }
    assertArrayEquals(new int[] {0, 20}, MaskRle.counts(full.build()));
  }

  @Test
  void countsAreUnsignedLeb128() {
    // An empty 988x731 mask: one count 722,228 = 0x0B0534 -> 0xB4 0x8A 0x2C.
    assertArrayEquals(new byte[] {(byte) 0xB4, (byte) 0x8A, 0x2C}, MaskRle.encode(BitMask.empty(988, 731)));
    BitMask.Builder b = new BitMask.Builder(400, 1);
    b.setRun(0, 300, 400); // counts 300, 100
    assertArrayEquals(new byte[] {(byte) 0xAC, 0x02, 0x64}, MaskRle.encode(b.build()));
    assertArrayEquals(new int[] {300, 100}, MaskRle.decodeCounts(new byte[] {(byte) 0xAC, 0x02, 0x64}));
  }

  @Test
  void randomMasksRoundTrip() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int[] s : new int[][] {{1, 1}, {64, 48}, {65, 3}, {200, 150}, {988, 731}}) {
      for (int k = 0; k < 6; k++) {
        boolean[] p = Naive.randomMask(rnd, s[0], s[1]);
        BitMask m = BitMask.fromPixels(p, s[0], s[1]);
        byte[] rle = MaskRle.encode(m);
        assertEquals(m, MaskRle.decode(rle, s[0], s[1]));
        int[] counts = MaskRle.counts(m);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
          sum += counts[i];
          if (i > 0) {
            assertEquals(true, counts[i] > 0);
          }
        }
        assertEquals((long) s[0] * s[1], sum);
        // Decode as the documented numpy snippet does: alternate 0s and 1s, row-major.
        boolean[] decoded = new boolean[s[0] * s[1]];
        int pos = 0;
        for (int i = 0; i < counts.length; i++) {
          for (int c = 0; c < counts[i]; c++) {
            decoded[pos++] = (i % 2) == 1;
          }
        }
        assertArrayEquals(p, decoded);
      }
    }
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MaskRle.decode(new byte[] {5}, 2, 2));
    assertEquals("mask RLE: counts sum to 5 but a 2x2 mask has 4 pixels", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MaskRle.decode(new byte[] {(byte) 0x82}, 2, 2));
    assertEquals("mask RLE: the last varint is cut off after 1 bytes", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MaskRle.decode(new byte[] {1, 0, 3}, 2, 2));
    assertEquals("mask RLE: count 1 is 0; only the first count may be 0", e.getMessage());
  }
}
