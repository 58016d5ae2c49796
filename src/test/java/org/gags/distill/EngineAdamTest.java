package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The engine's Adam, with autograd gradients of the toy problem, follows torch.optim.Adam's trajectory. */
@Tag("model")
class EngineAdamTest {

  @Test
  void trajectoryEqualsTorch() {
    List<String[]> lines = TorchFixtures.lines("adam");
    double worst = 0;
    try (NDManager m = Engine.getEngine(Trainer.ENGINE).newBaseManager()) {
      NDArray t = m.create(toFloat(TorchFixtures.ADAM_T));
      NDArray c = m.create(toFloat(TorchFixtures.ADAM_C));
      NDArray p = null;
      EngineAdam adam = null;
      for (String[] f : lines) {
        int step = Integer.parseInt(f[3]);
        if (step == 1) {
          p = m.create(toFloat(TorchFixtures.ADAM_P0));
          p.setRequiresGradient(true);
          adam = new EngineAdam(
              new DistillConfig.AdamGroup(Double.parseDouble(f[1]), 0.9, 0.999, Double.parseDouble(f[2])), m, p);
        }
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          if (step > 1) {
            JniUtils.zeroGrad((PtNDArray) p);
          }
          try (GradientCollector gc = Engine.getEngine(Trainer.ENGINE).newGradientCollector()) {
            NDArray e = p.sub(t);
            gc.backward(e.mul(e).mul(c).sum());
          }
          adam.step();
        }
        float[] now = p.toFloatArray();
        for (int i = 0; i < 5; i++) {
          double torch = Double.parseDouble(f[4 + i]);
          worst = Math.max(worst, Math.abs(now[i] - torch));
          assertEquals(torch, now[i], 2e-6, "lr " + f[1] + " step " + step + " entry " + i);
        }
      }
    }
    System.out.println("engine Adam (float32) vs torch.optim.Adam: max |Δp| = " + worst);
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
