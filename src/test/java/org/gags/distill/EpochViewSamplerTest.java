package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EpochViewSamplerTest {

  @Test
  void everyEpochDrawsEveryViewOnce() {
    EpochViewSampler s = new EpochViewSampler(7, 42);
    int[][] epochs = new int[5][];
    for (int e = 0; e < 5; e++) {
      epochs[e] = new int[7];
      for (int i = 0; i < 7; i++) {
        epochs[e][i] = s.next();
      }
      int[] sorted = epochs[e].clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, sorted, "epoch " + e);
    }
    assertNotEquals(Arrays.toString(epochs[0]), Arrays.toString(epochs[1]), "epochs should differ in order");
  }

  @Test
  void seededAndResumableFromItsState() {
    EpochViewSampler a = new EpochViewSampler(5, 7);
    EpochViewSampler b = new EpochViewSampler(5, 7);
    for (int i = 0; i < 8; i++) {
      assertEquals(a.next(), b.next());
    }
    EpochViewSampler.State mid = a.state();
    assertEquals(2, mid.remaining().length, "8 draws of 5 views leave 2 in the second epoch");
    EpochViewSampler resumed = EpochViewSampler.restore(mid);
    for (int i = 0; i < 20; i++) {
      assertEquals(a.next(), resumed.next(), "draw " + i);
    }
    assertNotEquals(new EpochViewSampler(5, 8).state(), new EpochViewSampler(5, 7).state());
  }

  @Test
  void oneViewAndBadStates() {
    EpochViewSampler one = new EpochViewSampler(1, 0);
    assertEquals(0, one.next());
    assertEquals(0, one.next());
    assertThrows(IllegalArgumentException.class, () -> new EpochViewSampler(0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> EpochViewSampler.restore(new EpochViewSampler.State(3, 1, new int[] {3})));
    assertThrows(IllegalArgumentException.class,
        () -> EpochViewSampler.restore(new EpochViewSampler.State(2, 1, new int[] {0, 1, 1})));
  }
}
