package org.gags.distill;

import java.util.Arrays;

/**
 * The reference's view order: each iteration pops a uniformly random entry from a list of view
 * indices that is refilled, in name order (0..n−1), when it runs empty, so every view is drawn once
 * per epoch. Seeded (SplitMix64, not Python's Mersenne Twister: the order is not the reference's,
 * only its rule), and its whole state is two numbers and the remaining list ({@link #state}).
 */
public final class EpochViewSampler {
  private final int viewCount;
  private long rng;
  private int[] remaining;
  private int size;

  public EpochViewSampler(int viewCount, long seed) {
    this(new State(viewCount, seed, new int[0]));
  }

  private EpochViewSampler(State s) {
    if (s.viewCount() <= 0) {
      throw new IllegalArgumentException("a sampler needs at least one view, found " + s.viewCount());
    }
    this.viewCount = s.viewCount();
    this.rng = s.rng();
    this.remaining = new int[viewCount];
    this.size = s.remaining().length;
    if (size > viewCount) {
      throw new IllegalArgumentException("sampler state lists " + size + " views, more than the " + viewCount + " views");
    }
    for (int i = 0; i < size; i++) {
      int v = s.remaining()[i];
      if (v < 0 || v >= viewCount) {
        throw new IllegalArgumentException("sampler state names view " + v + ", outside 0.." + (viewCount - 1));
      }
      remaining[i] = v;
    }
  }

  public static EpochViewSampler restore(State s) {
    return new EpochViewSampler(s);
  }

  /** The next view index. */
  public int next() {
    if (size == 0) {
      for (int i = 0; i < viewCount; i++) {
        remaining[i] = i;
      }
      size = viewCount;
    }
    int k = uniform(size);
    int view = remaining[k];
    System.arraycopy(remaining, k + 1, remaining, k, size - k - 1);
    size--;
    return view;
  }

  public State state() {
    return new State(viewCount, rng, Arrays.copyOf(remaining, size));
  }

  /** Unbiased integer in [0, bound), java.util.Random's rejection rule on 63 random bits. */
  private int uniform(int bound) {
    while (true) {
      long bits = nextLong() >>> 1;
      long value = bits % bound;
      if (bits - value + (bound - 1) >= 0) {
        return (int) value;
      }
    }
  }

  private long nextLong() {
    long z = (rng += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A sampler's whole state.
   *
   * @param viewCount views in the scene
   * @param rng SplitMix64 state
   * @param remaining views not yet drawn this epoch, in list order (empty: the next draw refills)
   */
  public record State(int viewCount, long rng, int[] remaining) {
    public State {
      remaining = remaining.clone();
    }

    @Override
    public int[] remaining() {
      return remaining.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s && s.viewCount == viewCount && s.rng == rng && Arrays.equals(s.remaining, remaining);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(rng) * 31 + Arrays.hashCode(remaining) + viewCount;
    }
  }
}
