package org.gags.prompt;

/**
 * How many prompt points a patch gets (METHOD.md 2.2).
 *
 * <p>{@link #code} is the authors' code: s = 1 when the depth ratio is below 1 or undefined, else
 * s = trunc(ratio · pointsPerSideAtNearest); s clamped to 1..maxPointsPerSide; n = s². Note the
 * reference's cliff: a ratio a hair below 1 (the closest view, with float noise) gives 1 point
 * where 1.0 gives 16; kept as is.
 *
 * <p>{@link #paperText} is the paper's sentence: n = clamp(round(N · mean(Dmin²/D²)), 1,
 * maxPointsPerSide²), 1 when undefined. Its recorded side is round(√n), only for display (n need
 * not be a square).
 */
public final class PatchBudget {
  private PatchBudget() {}

  /** A patch's points per side (s) and point count (n). */
  public record Budget(int side, int points) {}

  public static Budget code(double ratio, PromptConfig cfg) {
    int s = ratio < 1 || Double.isNaN(ratio) ? 1 : (int) (ratio * cfg.pointsPerSideAtNearest());
    s = Math.max(1, Math.min(s, cfg.maxPointsPerSide()));
    return new Budget(s, s * s);
  }

  public static Budget paperText(double meanSquaredInverse, PromptConfig cfg) {
    int max = cfg.maxPointsPerSide() * cfg.maxPointsPerSide();
    int n =
        Double.isNaN(meanSquaredInverse)
            ? 1
            : (int) Math.max(1, Math.min(max, Math.round(cfg.paperTextBasePoints() * meanSquaredInverse)));
    return new Budget((int) Math.round(Math.sqrt(n)), n);
  }

  /** The budget of patch {@code p} under {@code cfg.density()}. */
  public static Budget of(float[] depth, float[] minDepth, int imageWidth, PatchGrid.Patch p, PromptConfig cfg) {
    return switch (cfg.density()) {
      case CODE -> code(DepthRatio.ratio(depth, minDepth, imageWidth, p), cfg);
      case PAPER_TEXT -> paperText(DepthRatio.meanSquaredInverse(depth, minDepth, imageWidth, p), cfg);
    };
  }
}
