package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DistillConfigTest {

  @Test
  void gagsPresetIsThePublishedTraining() {
    DistillConfig c = DistillConfig.gags();
    assertEquals(16, c.featureDim());
    assertEquals(256, c.decoderWidth());
    assertEquals(512, c.clipDim());
    assertArrayEquals(new int[] {16, 64, 128, 64, 32, 16, 3}, c.granularityLayerSizes());
    assertEquals(30_000, c.iterations());
    assertEquals(0.001, c.entropyWeight(15_000));
    assertEquals(0.002, c.entropyWeight(15_001));
    assertEquals(0.0, c.consistencyWeight(15_000));
    assertEquals(0.1, c.consistencyWeight(15_001));
    assertEquals(new DistillConfig.AdamGroup(1e-3, 0.9, 0.999, 1e-15), c.featureAdam());
    assertEquals(new DistillConfig.AdamGroup(1e-4, 0.9, 0.999, 1e-8), c.decoderAdam());
    assertEquals(new DistillConfig.AdamGroup(1e-4, 0.9, 0.999, 1e-8), c.granularityAdam());
    assertEquals(DistillConfig.gags(), DistillConfig.gags());
  }

  @Test
  void switchesAndModesByKey() {
    DistillConfig c = DistillConfig.gags().withTerms(true, false, false);
    assertEquals(0.0, c.entropyWeight(1));
    assertEquals(0.0, c.consistencyWeight(20_000));
    assertEquals(DistillConfig.Target.LEVEL_M, DistillConfig.Target.of("level-m"));
    assertEquals(DistillConfig.Loss.PAPER_WEIGHTED_L2, DistillConfig.Loss.of("paper-weighted-l2"));
    assertEquals(DistillConfig.SparseForward.GATHER, DistillConfig.SparseForward.of("gather"));
    assertArrayEquals(new double[] {0, 0, 1}, DistillConfig.Target.LEVEL_L.fixedWeights());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistillConfig.Target.of("mix"));
    assertEquals("unknown target 'mix', expected one of gad, average, level-s, level-m, level-l", e.getMessage());
  }

  @Test
  void refusesBadValues() {
    assertThrows(IllegalArgumentException.class, () -> DistillConfig.gags().withWidths(0, 256, 512, 64));
    assertThrows(IllegalArgumentException.class, () -> DistillConfig.gags().withWidths(16, 256, 512));
    assertThrows(IllegalArgumentException.class, () -> DistillConfig.gags().withSchedule(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new DistillConfig.AdamGroup(1e-3, 1.0, 0.999, 1e-8));
  }
}
