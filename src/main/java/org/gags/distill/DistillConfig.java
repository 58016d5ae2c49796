package org.gags.distill;

import java.util.Arrays;
import java.util.Locale;
import org.gags.util.ConfigNames;

/**
 * Everything that decides a distillation (METHOD.md section 3), validated on construction. {@link
 * #gags()} is the published configuration; tests shrink the widths with {@link #withWidths}.
 *
 * @param featureDim per-Gaussian feature size (16)
 * @param decoderWidth hidden width of the feature decoder (256)
 * @param clipDim CLIP feature size, the feature decoder's output (512)
 * @param granularityWidths hidden widths of the granularity decoder (64, 128, 64, 32, 16); it ends in 3
 * @param target how the per-pixel target is built
 * @param loss the distillation loss per pixel
 * @param regionAware average the per-pixel loss inside each region, then over regions (Eq. 5)
 * @param entropy add the entropy term (Eq. 4)
 * @param consistency add the feature-consistency term from {@code lateStart} on (Eq. 6)
 * @param iterations iterations of a training (the last takes no optimiser step)
 * @param lateStart first iteration (1-based) of the late weights
 * @param entropyEarly entropy weight before {@code lateStart}
 * @param entropyLate entropy weight from {@code lateStart}
 * @param consistencyWeight consistency weight from {@code lateStart}
 * @param featureAdam Adam of the per-Gaussian features
 * @param decoderAdam Adam of the feature decoder
 * @param granularityAdam Adam of the granularity decoder
 * @param seed seeds the decoder initialisation and the view order
 * @param forward how the sparse rendering runs in the engine
 * @param chunkPixels pixels per chunk of a training step ({@link Trainer}): the feature decoder and
 *     the distillation loss run chunk by chunk (the sparse backward too with the padded gather; with
 *     COO it runs once per view), each chunk's graph freed before the next, so a step's memory does
 *     not grow with the view; 0 runs the whole view as one graph
 *     (the reference step). Changes no value beyond float rounding.
 */
public record DistillConfig(
    int featureDim,
    int decoderWidth,
    int clipDim,
    int[] granularityWidths,
    Target target,
    Loss loss,
    boolean regionAware,
    boolean entropy,
    boolean consistency,
    int iterations,
    int lateStart,
    double entropyEarly,
    double entropyLate,
    double consistencyWeight,
    AdamGroup featureAdam,
    AdamGroup decoderAdam,
    AdamGroup granularityAdam,
    long seed,
    SparseForward forward,
    int chunkPixels) implements java.io.Serializable {

  /** Hidden widths of the published granularity decoder (16→64→128→64→32→16→3). */
  public static final int[] GAGS_GRANULARITY_WIDTHS = {64, 128, 64, 32, 16};

  /** Pixels per chunk of a training step by default (docs/benchmarks.md: the chunk-size sweep). */
  public static final int DEFAULT_CHUNK_PIXELS = 8_192;

  public DistillConfig {
    positive("featureDim", featureDim);
    positive("decoderWidth", decoderWidth);
    positive("clipDim", clipDim);
    if (granularityWidths == null || granularityWidths.length == 0) {
      throw new IllegalArgumentException("granularityWidths must name at least one hidden width");
    }
    granularityWidths = granularityWidths.clone();
    for (int w : granularityWidths) {
      positive("granularityWidths entry", w);
    }
    if (target == null || loss == null || featureAdam == null || decoderAdam == null
        || granularityAdam == null || forward == null) {
      throw new IllegalArgumentException("target, loss, the three Adam groups and forward must be given");
    }
    positive("iterations", iterations);
    positive("lateStart", lateStart);
    nonNegative("entropyEarly", entropyEarly);
    nonNegative("entropyLate", entropyLate);
    nonNegative("consistencyWeight", consistencyWeight);
    if (chunkPixels < 0) {
      throw new IllegalArgumentException("chunkPixels must be 0 (whole view) or positive, found " + chunkPixels);
    }
  }

  /** The reference's {@code train.py -r 2 --iterations 30000 --feature_mode} (code behaviour). */
  public static DistillConfig gags() {
    return new DistillConfig(
        16, 256, 512, GAGS_GRANULARITY_WIDTHS, Target.GAD, Loss.CODE_L1, true, true, true,
        30_000, 15_001, 0.001, 0.002, 0.1,
        new AdamGroup(1e-3, 0.9, 0.999, 1e-15),
        new AdamGroup(1e-4, 0.9, 0.999, 1e-8),
        new AdamGroup(1e-4, 0.9, 0.999, 1e-8),
        0L, SparseForward.COO, DEFAULT_CHUNK_PIXELS);
  }

  public DistillConfig withWidths(int featureDim, int decoderWidth, int clipDim, int... granularityWidths) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, chunkPixels);
  }

  public DistillConfig withTarget(Target t) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, t, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, chunkPixels);
  }

  public DistillConfig withLoss(Loss l) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, l, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, chunkPixels);
  }

  public DistillConfig withTerms(boolean regionAware, boolean entropy, boolean consistency) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, chunkPixels);
  }

  public DistillConfig withSchedule(int iterations, int lateStart) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, chunkPixels);
  }

  public DistillConfig withSeed(long s) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, s, forward, chunkPixels);
  }

  public DistillConfig withChunkPixels(int c) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, forward, c);
  }

  public DistillConfig withForward(SparseForward f) {
    return new DistillConfig(featureDim, decoderWidth, clipDim, granularityWidths, target, loss, regionAware, entropy,
        consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam, decoderAdam,
        granularityAdam, seed, f, chunkPixels);
  }

  @Override
  public int[] granularityWidths() {
    return granularityWidths.clone();
  }

  /** Layer sizes of the granularity decoder, input to output: featureDim, hidden..., 3. */
  public int[] granularityLayerSizes() {
    int[] sizes = new int[granularityWidths.length + 2];
    sizes[0] = featureDim;
    System.arraycopy(granularityWidths, 0, sizes, 1, granularityWidths.length);
    sizes[sizes.length - 1] = 3;
    return sizes;
  }

  /** True from iteration {@code lateStart} on: the late entropy weight and the consistency term. */
  public boolean late(int iteration) {
    return iteration >= lateStart;
  }

  public double entropyWeight(int iteration) {
    return entropy ? (late(iteration) ? entropyLate : entropyEarly) : 0.0;
  }

  public double consistencyWeight(int iteration) {
    return consistency && late(iteration) ? consistencyWeight : 0.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistillConfig c && toString().equals(c.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "DistillConfig[featureDim=%d, decoderWidth=%d, clipDim=%d, granularityWidths=%s, target=%s, loss=%s, "
            + "regionAware=%s, entropy=%s, consistency=%s, iterations=%d, lateStart=%d, entropyEarly=%s, "
            + "entropyLate=%s, consistencyWeight=%s, featureAdam=%s, decoderAdam=%s, granularityAdam=%s, seed=%d, "
            + "forward=%s, chunkPixels=%d]",
        featureDim, decoderWidth, clipDim, Arrays.toString(granularityWidths), target.key(), loss.key(), regionAware,
        entropy, consistency, iterations, lateStart, entropyEarly, entropyLate, consistencyWeight, featureAdam,
        decoderAdam, granularityAdam, seed, forward.key(), chunkPixels);
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, found " + v);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite value >= 0, found " + v);
    }
  }

  /** The per-pixel target (Tab. 4 ablations). GAD is the granularity decoder's mix. */
  public enum Target {
    GAD("gad"),
    AVERAGE("average"),
    LEVEL_S("level-s"),
    LEVEL_M("level-m"),
    LEVEL_L("level-l");

    private final String key;

    Target(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The fixed granularity weights (s, m, l) of a non-GAD target; null for GAD. */
    public double[] fixedWeights() {
      return switch (this) {
        case GAD -> null;
        case AVERAGE -> new double[] {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};
        case LEVEL_S -> new double[] {1, 0, 0};
        case LEVEL_M -> new double[] {0, 1, 0};
        case LEVEL_L -> new double[] {0, 0, 1};
      };
    }

    public static Target of(String key) {
      return ConfigNames.of(Target.class, Target::key, "target", key);
    }
  }

  /** The distillation loss: the code's channel-mean L1, or the paper's w-weighted squared L2. */
  public enum Loss {
    CODE_L1("code-l1"),
    PAPER_WEIGHTED_L2("paper-weighted-l2");

    private final String key;

    Loss(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Loss of(String key) {
      return ConfigNames.of(Loss.class, Loss::key, "loss", key);
    }
  }

  /** How the engine renders F = W·f: padded per-pixel gather, or a sparse COO matrix product. */
  public enum SparseForward {
    GATHER("gather"),
    COO("coo");

    private final String key;

    SparseForward(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static SparseForward of(String key) {
      return ConfigNames.of(SparseForward.class, SparseForward::key, "sparse forward", key);
    }
  }

  /** One torch.optim.Adam parameter group. */
  public record AdamGroup(double lr, double beta1, double beta2, double eps) implements java.io.Serializable {
    public AdamGroup {
      if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
        throw new IllegalArgumentException(
            "Adam needs lr > 0, betas in [0, 1) and eps >= 0, found lr=" + lr + " betas=(" + beta1 + ", " + beta2
                + ") eps=" + eps);
      }
    }
  }
}
