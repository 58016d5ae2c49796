package org.gags.prompt;

import java.util.SplittableRandom;

/**
 * Granularity-aware prompt sampling for one view (METHOD.md 2.2-2.3, the authors' code by
 * default): {@link PatchGrid} splits the image, {@link PatchBudget} (from {@link DepthRatio})
 * gives each patch its point count, {@link CellSampler} places the points where visible Gaussian
 * centres project. In {@link PromptConfig.Mode#UNIFORM_GRID} mode it returns {@link UniformGrid}.
 */
public final class PromptSampler {
  private PromptSampler() {}

  /**
   * @param depth the view's rendered expected depth, row-major width·height (unused, and may be
   *     null, in uniform-grid mode)
   * @param minDepthDense the view's min-depth map ({@link SparseMinDepth#dense()}; likewise)
   * @param viewSeed the view's seed, normally {@link PromptSeeds#forView}
   */
  public static Prompts sample(float[] depth, float[] minDepthDense, int width, int height, PromptConfig cfg, long viewSeed) {
    if (cfg.mode() == PromptConfig.Mode.UNIFORM_GRID) {
      return UniformGrid.points(width, height, cfg.gridPerSide());
    }
    requireImage("depth", depth, width, height);
    requireImage("minDepthDense", minDepthDense, width, height);
    PatchGrid grid = PatchGrid.of(width, height, cfg.patchesPerSide());
    int[] points = new int[grid.count()];
    int[] sides = new int[grid.count()];
    int total = 0;
    for (int k = 0; k < grid.count(); k++) {
      PatchBudget.Budget b = PatchBudget.of(depth, minDepthDense, width, grid.patch(k), cfg);
      points[k] = b.points();
      sides[k] = b.side();
      total += b.points();
    }
    float[] xs = new float[total];
    float[] ys = new float[total];
    SplittableRandom rng = new SplittableRandom(viewSeed);
    for (int k = 0, offset = 0; k < grid.count(); offset += points[k], k++) {
      CellSampler.sample(minDepthDense, width, grid.patch(k), cfg.cellsPerSide(), points[k], rng, xs, ys, offset);
    }
    return new Prompts(xs, ys, points, sides);
  }

  private static void requireImage(String name, float[] a, int width, int height) {
    if (width <= 0 || height <= 0 || a.length != (long) width * height) {
      throw new IllegalArgumentException(name + " must hold " + width + "*" + height + " floats, found " + a.length);
    }
  }
}
