package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd for one thread: grad mode on while open (torch's grad mode is per thread), restored on
 * close, and backward passes straight into libtorch. DJL's {@code GradientCollector} would do the
 * same but allows one collector per JVM at a time, so two trainings in one executor JVM (two
 * cores or two GPUs, several scenes in flight) would fail; this has no JVM-wide state.
 */
final class GradMode implements AutoCloseable {
  private final boolean was;

  private GradMode() {
    was = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  /** Turns grad mode on for the calling thread until {@link #close}. */
  static GradMode on() {
    return new GradMode();
  }

  /** The gradients of a scalar {@code target} (seeded with one), added to its leaves'. */
  void backward(NDArray target) {
    backward(target, target.onesLike());
  }

  /** The gradients of {@code target} for the upstream gradient {@code grad}, added to its leaves'. */
  void backward(NDArray target, NDArray grad) {
    JniUtils.backward((PtNDArray) target, (PtNDArray) grad, false, false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(was);
  }
}
