package org.gags.distill;

/**
 * torch.optim.Adam's update (single-tensor path, no weight decay, no amsgrad), in double on
 * arrays, in torch's order of operations:
 * <pre>
 *   m = m + (1 − β1)(g − m)             (lerp)
 *   v = β2·v + (1 − β2)·g²
 *   denom = √v / √(1 − β2^t) + eps
 *   p = p − (lr / (1 − β1^t)) · m / denom
 * </pre>
 * eps is added to the bias-corrected √v̂, unlike DJL's {@code Adam}. The reference of the engine's
 * update; each group keeps its own step count t.
 */
public final class TorchAdam {
  private final DistillConfig.AdamGroup group;
  private final double[] m;
  private final double[] v;
  private int step;

  public TorchAdam(DistillConfig.AdamGroup group, int size) {
    this.group = group;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** One step on {@code p} with gradient {@code g}. */
  public void step(double[] p, double[] g) {
    if (p.length != m.length || g.length != m.length) {
      throw new IllegalArgumentException(
          "Adam state holds " + m.length + " values; parameter " + p.length + ", gradient " + g.length);
    }
    step++;
    double b1 = group.beta1();
    double b2 = group.beta2();
    double bias1 = 1 - Math.pow(b1, step);
    double bias2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
    double stepSize = group.lr() / bias1;
    for (int i = 0; i < p.length; i++) {
      m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double denom = Math.sqrt(v[i]) / bias2Sqrt + group.eps();
      p[i] -= stepSize * m[i] / denom;
    }
  }

  public int steps() {
    return step;
  }

  public double[] firstMoment() {
    return m.clone();
  }

  public double[] secondMoment() {
    return v.clone();
  }
}
