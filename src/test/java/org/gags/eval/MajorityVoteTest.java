package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MajorityVoteTest {
  @Test
  void fastPathEqualsItsTwin() {
    Random rnd = new Random(11);
    int[][] sizes = {{2, 2}, {3, 2}, {2, 9}, {7, 7}, {8, 9}, {37, 29}, {64, 48}};
    for (int[] s : sizes) {
      for (double density : new double[] {0.1, 0.5, 0.9}) {
        boolean[] m = new boolean[s[0] * s[1]];
        for (int i = 0; i < m.length; i++) {
          m[i] = rnd.nextDouble() < density;
        }
        assertArrayEquals(MajorityVoteReference.smooth(m, s[0], s[1]), MajorityVote.smooth(m, s[0], s[1]),
            s[0] + "x" + s[1] + " at " + density);
      }
    }
  }

  @Test
  void lastRowAndColumnNeverVote() {
    int w = 10;
    int h = 10;
    boolean[] m = new boolean[w * h];
    for (int k = 0; k < w; k++) {
      m[(h - 1) * w + k] = true; // last row
      m[k * w + (w - 1)] = true; // last column
    }
    for (boolean b : MajorityVote.smooth(m, w, h)) {
      assertFalse(b);
    }
    boolean[] full = new boolean[w * h];
    java.util.Arrays.fill(full, true);
    for (boolean b : MajorityVote.smooth(full, w, h)) {
      assertTrue(b);
    }
  }

  @Test
  void aTieGoesToZero() {
    // 3x3: the window of (0,0) is rows 0..1, columns 0..1 (4 pixels).
    boolean[] two = {true, true, false, false, false, false, false, false, false};
    assertFalse(MajorityVote.smooth(two, 3, 3)[0]);
    boolean[] three = {true, true, false, true, false, false, false, false, false};
    assertTrue(MajorityVote.smooth(three, 3, 3)[0]);
  }

  @Test
  void aMapBelow2x2IsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.smooth(new boolean[5], 1, 5));
    assertTrue(e.getMessage().contains("at least 2x2, found 1x5"), e.getMessage());
  }
}
