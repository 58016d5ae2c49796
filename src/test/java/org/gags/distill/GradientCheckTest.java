package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Central differences of the double twin (h = 1e-6) against DJL's autograd (float64 engine) for
 * every loss term and the total, with respect to every feature and every decoder weight (the twin
 * holds the granularity decoder's input fixed when features move, the stopped gradient). Error
 * measure per term: max |autograd − FD| / max |FD| over all parameters.
 */
@Tag("model")
class GradientCheckTest {
  static final int GAUSSIANS = 9;
  static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(DistillConfig.Loss.class)
  void autogradEqualsFiniteDifferencesOfTheTwin(DistillConfig.Loss loss) {
    DistillConfig cfg = DistillFixtures.tinyConfig().withLoss(loss);
    DistillView view = DistillFixtures.tinyView(31, GAUSSIANS);
    double[] f = DistillFixtures.features(32, GAUSSIANS, cfg.featureDim(), 1.0);
    DecoderWeights fd = DecoderWeights.feature(cfg, 33);
    DecoderWeights gd = DecoderWeights.granularity(cfg, 34);
    int it = 30; // late: every term in the total
    List<Function<EngineLoss.Result, NDArray>> engineTerms = List.of(
        EngineLoss.Result::distill, EngineLoss.Result::entropy, EngineLoss.Result::consistency, EngineLoss.Result::total);
    List<ToDoubleFunction<LossTerms>> twinTerms =
        List.of(LossTerms::distill, LossTerms::entropy, LossTerms::consistency, LossTerms::total);
    String[] names = {"distill", "entropy", "consistency", "total"};
    try (Trainer t = new Trainer(cfg, List.of(view), GAUSSIANS, DataType.FLOAT64, f, fd, gd)) {
      t.gradients(0, it); // every parameter gets a gradient once
      for (int k = 0; k < 4; k++) {
        Trainer.Gradients g = t.gradients(0, it, engineTerms.get(k));
        ToDoubleFunction<LossTerms> term = twinTerms.get(k);
        double maxErr = 0;
        double maxFd = 0;
        // features
        for (int i = 0; i < f.length; i++) {
          double[] plus = f.clone();
          double[] minus = f.clone();
          plus[i] += H;
          minus[i] -= H;
          // The granularity decoder sees the unperturbed features: its input gradient is stopped.
          double num = (term.applyAsDouble(DistillLossReference.evaluate(cfg, view, plus, f, fd, gd, it).terms())
              - term.applyAsDouble(DistillLossReference.evaluate(cfg, view, minus, f, fd, gd, it).terms())) / (2 * H);
          maxErr = Math.max(maxErr, Math.abs(num - value(g.features(), i)));
          maxFd = Math.max(maxFd, Math.abs(num));
        }
        // decoder weights: each layer's weight then bias, in EngineDecoder.parameters order
        for (int which = 0; which < 2; which++) {
          DecoderWeights dec = which == 0 ? fd : gd;
          List<double[]> grads = which == 0 ? g.featureDecoder() : g.granularityDecoder();
          for (int l = 0; l < dec.layers(); l++) {
            for (int wb = 0; wb < 2; wb++) {
              int len = wb == 0 ? dec.weight()[l].length : dec.bias()[l].length;
              for (int i = 0; i < len; i++) {
                DecoderWeights plus = dec.copy();
                DecoderWeights minus = dec.copy();
                (wb == 0 ? plus.weight() : plus.bias())[l][i] += H;
                (wb == 0 ? minus.weight() : minus.bias())[l][i] -= H;
                LossTerms lp = which == 0
                    ? DistillLossReference.loss(cfg, view, f, plus, gd, it)
                    : DistillLossReference.loss(cfg, view, f, fd, plus, it);
                LossTerms lm = which == 0
                    ? DistillLossReference.loss(cfg, view, f, minus, gd, it)
                    : DistillLossReference.loss(cfg, view, f, fd, minus, it);
                double num = (term.applyAsDouble(lp) - term.applyAsDouble(lm)) / (2 * H);
                maxErr = Math.max(maxErr, Math.abs(num - value(grads.get(2 * l + wb), i)));
                maxFd = Math.max(maxFd, Math.abs(num));
              }
            }
          }
        }
        double rel = maxErr / maxFd;
        System.out.printf("FD gradient check %s %s: max |autograd - FD| / max |FD| = %.3g (max |FD| %.3g)%n",
            loss.key(), names[k], rel, maxFd);
        assertTrue(maxFd > 0, names[k] + " has no gradient at all");
        assertTrue(rel < 1e-6, names[k] + ": relative error " + rel);
      }
    }
  }

  private static double value(double[] grad, int i) {
    return grad == null ? 0 : grad[i];
  }
}
