package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@link TorchAdam}'s update on engine arrays, in place, for one parameter group (each parameter
 * its own first and second moments, one step count for the group). Runs with grad mode off (after
 * the gradient collector closes); temporaries belong to the caller's scope.
 */
final class EngineAdam {
  final DistillConfig.AdamGroup group;
  final NDArray[] params;
  final NDArray[] m;
  final NDArray[] v;
  int steps;

  EngineAdam(DistillConfig.AdamGroup group, NDManager manager, NDArray... params) {
    this.group = group;
    this.params = params;
    this.m = new NDArray[params.length];
    this.v = new NDArray[params.length];
    for (int i = 0; i < params.length; i++) {
      m[i] = manager.zeros(params[i].getShape(), params[i].getDataType());
      v[i] = manager.zeros(params[i].getShape(), params[i].getDataType());
    }
  }

  /** One step with the parameters' current gradients. */
  void step() {
    steps++;
    double b1 = group.beta1();
    double b2 = group.beta2();
    double stepSize = group.lr() / (1 - Math.pow(b1, steps));
    double bias2Sqrt = Math.sqrt(1 - Math.pow(b2, steps));
    for (int i = 0; i < params.length; i++) {
      NDArray g = params[i].getGradient();
      m[i].addi(g.sub(m[i]).muli(1 - b1));
      v[i].muli(b2).addi(g.mul(g).muli(1 - b2));
      NDArray denom = v[i].sqrt().divi(bias2Sqrt).addi(group.eps());
      params[i].subi(m[i].div(denom).muli(stepSize));
    }
  }
}
