package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked step ({@link ChunkedStep}) against one backward through the whole graph (chunk size
 * 0, the reference), in float64 on the engine: the same loss terms and the same gradients of the
 * features and both decoders, for every target, loss and term switch, early and late in the
 * schedule, with chunks that do not divide the view (42 pixels in chunks of 5: eight of 5 and one of
 * 2) and with one chunk, with the COO product (one sparse backward per view) and the padded
 * gather (one per chunk).
 */
@Tag("model")
class ChunkedStepTest {
  static final int GAUSSIANS = 9;

  static Stream<Arguments> configs() {
    DistillConfig base = DistillFixtures.tinyConfig();
    return Stream.of(
        Arguments.of("gad, code L1, every term", base),
        Arguments.of("gad, paper weighted L2", base.withLoss(DistillConfig.Loss.PAPER_WEIGHTED_L2)),
        Arguments.of("average target", base.withTarget(DistillConfig.Target.AVERAGE)),
        Arguments.of("level s", base.withTarget(DistillConfig.Target.LEVEL_S)),
        Arguments.of("plain mean, no entropy", base.withTerms(false, false, true)),
        Arguments.of("no consistency", base.withTerms(true, true, false)),
        Arguments.of("average, no consistency", base.withTarget(DistillConfig.Target.AVERAGE).withTerms(true, true,
            false)),
        // the padded gather keeps one sparse part per chunk; COO has one for the view
        Arguments.of("gad, padded gather", base.withForward(DistillConfig.SparseForward.GATHER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void chunkedGradientsEqualTheWholeGraphs(String name, DistillConfig cfg) {
    DistillView view = DistillFixtures.tinyView(41, GAUSSIANS);
    double[] f = DistillFixtures.features(42, GAUSSIANS, cfg.featureDim(), 1.0);
    DecoderWeights fd = DecoderWeights.feature(cfg, 43);
    DecoderWeights gd = DecoderWeights.granularity(cfg, 44);
    for (int it : new int[] {3, 30}) { // early and late (late start 21)
      Trainer.Gradients whole = gradients(cfg.withChunkPixels(0), view, f, fd, gd, it);
      for (int chunk : new int[] {5, 64}) {
        Trainer.Gradients chunked = gradients(cfg.withChunkPixels(chunk), view, f, fd, gd, it);
        String at = name + ", iteration " + it + ", chunks of " + chunk;
        assertClose(whole.terms().distill(), chunked.terms().distill(), at + ": distill");
        assertClose(whole.terms().entropy(), chunked.terms().entropy(), at + ": entropy");
        assertClose(whole.terms().consistency(), chunked.terms().consistency(), at + ": consistency");
        assertClose(whole.terms().total(), chunked.terms().total(), at + ": total");
        assertSame(whole.features(), chunked.features(), at + ": features");
        for (int i = 0; i < whole.featureDecoder().size(); i++) {
          assertSame(whole.featureDecoder().get(i), chunked.featureDecoder().get(i), at + ": feature decoder " + i);
          assertSame(whole.granularityDecoder().get(i % whole.granularityDecoder().size()),
              chunked.granularityDecoder().get(i % chunked.granularityDecoder().size()),
              at + ": granularity decoder " + i);
        }
      }
    }
  }

  private static Trainer.Gradients gradients(DistillConfig cfg, DistillView view, double[] f, DecoderWeights fd,
      DecoderWeights gd, int it) {
    try (Trainer t = new Trainer(cfg, List.of(view), GAUSSIANS, DataType.FLOAT64, f, fd, gd)) {
      return t.gradients(0, it);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
  }

  /** Equal up to 1e-10 of the largest magnitude; absent gradients (a decoder the target does not use) alike. */
  private static void assertSame(double[] expected, double[] actual, String what) {
    if (expected == null || isZero(expected)) {
      assertTrue(actual == null || isZero(actual), what + ": the reference has no gradient here");
      return;
    }
    assertNotNull(actual, what + ": no gradient in the chunked step");
    double scale = 0;
    double err = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(err <= 1e-10 * scale, what + ": max difference " + err + " against max " + scale);
  }

  private static boolean isZero(double[] a) {
    for (double v : a) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
