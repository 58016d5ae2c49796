package org.gags.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TorchAdamTest {

  /** The closed form follows torch.optim.Adam (torch 1.13, float32) step by step on a toy problem. */
  @Test
  void trajectoryEqualsTorch() {
    List<String[]> lines = TorchFixtures.lines("adam");
    assertEquals(90, lines.size());
    double worst = 0;
    TorchAdam adam = null;
    double[] p = null;
    for (String[] f : lines) {
      double lr = Double.parseDouble(f[1]);
      double eps = Double.parseDouble(f[2]);
      int step = Integer.parseInt(f[3]);
      if (step == 1) {
        adam = new TorchAdam(new DistillConfig.AdamGroup(lr, 0.9, 0.999, eps), 5);
        p = TorchFixtures.ADAM_P0.clone();
      }
      double[] g = new double[5];
      for (int i = 0; i < 5; i++) {
        g[i] = 2 * TorchFixtures.ADAM_C[i] * (p[i] - TorchFixtures.ADAM_T[i]);
      }
      adam.step(p, g);
      assertEquals(step, adam.steps());
      for (int i = 0; i < 5; i++) {
        double torch = Double.parseDouble(f[4 + i]);
        worst = Math.max(worst, Math.abs(p[i] - torch));
        assertEquals(torch, p[i], 2e-6, "lr " + lr + " step " + step + " entry " + i);
      }
    }
    System.out.println("TorchAdam vs torch.optim.Adam (float32): max |Δp| = " + worst);
  }

  @Test
  void firstStepMovesByAboutLrAndEpsIsInsideTheCorrectedRoot() {
    TorchAdam adam = new TorchAdam(new DistillConfig.AdamGroup(1e-3, 0.9, 0.999, 1e-8), 2);
    double[] p = {0, 0};
    adam.step(p, new double[] {1e-6, -4});
    // m̂ = g, √v̂ = |g|: p = −lr·g/(|g| + eps).
    assertEquals(-1e-3 * 1e-6 / (1e-6 + 1e-8), p[0], 1e-15);
    assertEquals(1e-3 * 4 / (4 + 1e-8), p[1], 1e-15);
    assertThrows(IllegalArgumentException.class, () -> adam.step(new double[3], new double[3]));
  }
}
