package org.gags.distill;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where a chunked training step's time goes, measured inside the step itself ({@link ChunkedStep},
 * {@link Trainer}): wall nanoseconds per phase, summed over the steps since the last {@link #reset}.
 * The phases cover the whole step except zeroing the gradients and closing the step's scope.
 */
public final class StepPhases {
  /** The phases of one step, in the order they run. */
  public enum Phase {
    /** F = W·f (outside the graph) and, at the end, ∂L/∂f = Wᵀ ∂L/∂F chunk by chunk. */
    SPARSE,
    /** The whole-view graph: granularity decoder, region map, entropy and consistency, and their backward. */
    WHOLE_VIEW,
    /** The feature decoder per chunk, forward and backward. */
    DECODERS,
    /** The distillation loss per chunk (targets, masked L1 or weighted L2, region weights), forward and backward. */
    LOSSES,
    /** The three Adam steps. */
    OPTIMISER
  }

  private final long[] nanos = new long[Phase.values().length];
  private int steps;

  /** Adds the time since {@code since} (a {@link System#nanoTime} value) to {@code phase}; returns now. */
  long add(Phase phase, long since) {
    long now = System.nanoTime();
    nanos[phase.ordinal()] += now - since;
    return now;
  }

  void countStep() {
    steps++;
  }

  /** Steps counted since the last reset. */
  public int steps() {
    return steps;
  }

  /** Mean milliseconds per counted step, per phase. */
  public Map<Phase, Double> meanMs() {
    Map<Phase, Double> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      out.put(p, steps == 0 ? 0.0 : nanos[p.ordinal()] / 1e6 / steps);
    }
    return out;
  }

  public void reset() {
    java.util.Arrays.fill(nanos, 0);
    steps = 0;
  }
}
