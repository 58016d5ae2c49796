package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DJL loss against the double twin on a tiny case, for every ablation mode, both forwards and
 * both sides of the late switch (lateStart = 21 in the tiny config). float64 in the engine must
 * agree to 1e-12 relative; float32 to 2e-6 relative plus 1e-7 absolute (float rounding of sums of a
 * few dozen terms; the fixed-level entropy is about −1e-6, where log(1 + 1e-6) in float is off by
 * 5%).
 */
@Tag("model")
class EngineLossTest {
  static final int GAUSSIANS = 9;

  static Stream<Arguments> modes() {
    List<Arguments> out = new ArrayList<>();
    for (DistillConfig.Target t : DistillConfig.Target.values()) {
      for (DistillConfig.Loss l : DistillConfig.Loss.values()) {
        out.add(Arguments.of(t, l, true, true, true));
      }
    }
    out.add(Arguments.of(DistillConfig.Target.GAD, DistillConfig.Loss.CODE_L1, false, true, true));
    out.add(Arguments.of(DistillConfig.Target.GAD, DistillConfig.Loss.CODE_L1, true, false, true));
    out.add(Arguments.of(DistillConfig.Target.GAD, DistillConfig.Loss.CODE_L1, true, true, false));
    out.add(Arguments.of(DistillConfig.Target.LEVEL_M, DistillConfig.Loss.PAPER_WEIGHTED_L2, false, false, false));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} rad={2} ent={3} cons={4}")
  @MethodSource("modes")
  void engineLossEqualsTheTwin(DistillConfig.Target target, DistillConfig.Loss loss, boolean rad, boolean ent,
      boolean cons) {
    DistillConfig base = DistillFixtures.tinyConfig().withTarget(target).withLoss(loss).withTerms(rad, ent, cons);
    DistillView view = DistillFixtures.tinyView(11, GAUSSIANS);
    double[] f = DistillFixtures.features(12, GAUSSIANS, base.featureDim(), 1.0);
    DecoderWeights fd = DecoderWeights.feature(base, 13);
    DecoderWeights gd = DecoderWeights.granularity(base, 14);
    double worst32 = 0;
    for (DistillConfig.SparseForward kind : DistillConfig.SparseForward.values()) {
      DistillConfig cfg = base.withForward(kind);
      for (DataType dt : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
        try (Trainer t = new Trainer(cfg, List.of(view), GAUSSIANS, dt, f, fd, gd)) {
          for (int it : new int[] {1, 20, 21, 40}) {
            LossTerms twin = DistillLossReference.loss(cfg, view, f, fd, gd, it);
            LossTerms djl = t.evaluate(0, it);
            double[] a = {twin.distill(), twin.entropy(), twin.consistency(), twin.total()};
            double[] b = {djl.distill(), djl.entropy(), djl.consistency(), djl.total()};
            for (int k = 0; k < 4; k++) {
              double err = Math.abs(a[k] - b[k]);
              if (dt == DataType.FLOAT32 && Math.abs(a[k]) > 1e-3) {
                worst32 = Math.max(worst32, err / Math.abs(a[k]));
              }
              double tol = dt == DataType.FLOAT64 ? 1e-12 * Math.abs(a[k]) + 1e-15 : 2e-6 * Math.abs(a[k]) + 1e-7;
              assertEquals(a[k], b[k], tol, kind + " " + dt + " iteration " + it + " term " + k);
            }
          }
        }
      }
    }
    System.out.printf("twin vs DJL float32 loss, %s %s rad=%s ent=%s cons=%s: max relative difference %.3g%n",
        target.key(), loss.key(), rad, ent, cons, worst32);
  }

  @Test
  void theLateSwitchChangesTheTotalAsWeighted() {
    DistillConfig cfg = DistillFixtures.tinyConfig();
    DistillView view = DistillFixtures.tinyView(21, GAUSSIANS);
    double[] f = DistillFixtures.features(22, GAUSSIANS, cfg.featureDim(), 1.0);
    LossTerms early = DistillLossReference.loss(cfg, view, f, DecoderWeights.feature(cfg, 1), DecoderWeights.granularity(cfg, 2), 20);
    LossTerms late = DistillLossReference.loss(cfg, view, f, DecoderWeights.feature(cfg, 1), DecoderWeights.granularity(cfg, 2), 21);
    assertEquals(early.distill() + 0.001 * early.entropy(), early.total(), 1e-15);
    assertEquals(late.distill() + 0.002 * late.entropy() + 0.1 * late.consistency(), late.total(), 1e-15);
    assertTrue(late.consistency() > 0);
  }
}
