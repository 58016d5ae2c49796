package org.gags.prompt;

import java.util.Locale;

/**
 * Settings of granularity-aware prompting (METHOD.md sections 2.1-2.3), validated here. The
 * defaults ({@link #GAGS}) are those of the authors' public code (WHU-USI3DV/GAGS), which produced
 * the paper's tables; the paper text's reading of the density rule is {@link #GAGS_PAPER_TEXT} and
 * LangSplat's uniform grid is {@link #LANGSPLAT_GRID}.
 *
 * @param mode granularity-aware patches or the LangSplat uniform grid
 * @param density how a patch's point count follows from depth (used in granularity-aware mode)
 * @param patchesPerSide the image is split into this many patches per side (8)
 * @param cellsPerSide each patch is split into this many sampling cells per side (10)
 * @param pointsPerSideAtNearest points per patch side where the view is the closest one (the
 *     code's {@code nsample_min_distance}, 4)
 * @param maxPointsPerSide cap on points per patch side (20)
 * @param paperTextBasePoints N of the paper's Eq. 1, points per patch at equal depths (16)
 * @param gridPerSide points per side of the uniform grid (32)
 * @param seed base seed of the per-view generators, see {@link PromptSeeds} (42)
 * @param visibilityTolerance a Gaussian centre is visible when its depth is within this fraction
 *     of the rendered depth at its pixel (0.25)
 */
public record PromptConfig(
    Mode mode,
    Density density,
    int patchesPerSide,
    int cellsPerSide,
    int pointsPerSideAtNearest,
    int maxPointsPerSide,
    int paperTextBasePoints,
    int gridPerSide,
    long seed,
    double visibilityTolerance) implements java.io.Serializable {

  /** Where prompts go. */
  public enum Mode {
    /** Depth-driven point counts per patch, placed where visible Gaussian centres project. */
    GRANULARITY_AWARE,
    /** LangSplat's baseline: a regular grid, the same for every view. */
    UNIFORM_GRID;

    /** The configuration spelling: {@code granularity-aware}, {@code uniform-grid}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #configName()} (case-insensitive; underscores accepted too). */
    public static Mode fromName(String name) {
      return parse(Mode.class, values(), name);
    }
  }

  /** How a patch's point count follows from depth. */
  public enum Density {
    /** The authors' code: n = s² with s = clamp(trunc(4 · mean D / mean Dmin), 1, 20). */
    CODE,
    /** The paper's sentence: n = clamp(round(N · mean(Dmin² / D²)), 1, 20²). */
    PAPER_TEXT;

    /** The configuration spelling: {@code code}, {@code paper-text}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #configName()} (case-insensitive; underscores accepted too). */
    public static Density fromName(String name) {
      return parse(Density.class, values(), name);
    }
  }

  /** The authors' code: granularity-aware, code density, seed 42. */
  public static final PromptConfig GAGS =
      new PromptConfig(Mode.GRANULARITY_AWARE, Density.CODE, 8, 10, 4, 20, 16, 32, 42L, 0.25);

  /** As {@link #GAGS} with the paper text's density rule. */
  public static final PromptConfig GAGS_PAPER_TEXT = GAGS.withDensity(Density.PAPER_TEXT);

  /** LangSplat's uniform 32×32 grid. */
  public static final PromptConfig LANGSPLAT_GRID = GAGS.withMode(Mode.UNIFORM_GRID);

  public PromptConfig {
    if (mode == null || density == null) {
      throw new IllegalArgumentException("prompt mode and density must be given, found mode=" + mode + " density=" + density);
    }
    requireAtLeast("patchesPerSide", patchesPerSide, 1);
    requireAtLeast("cellsPerSide", cellsPerSide, 1);
    requireAtLeast("pointsPerSideAtNearest", pointsPerSideAtNearest, 1);
    requireAtLeast("maxPointsPerSide", maxPointsPerSide, 1);
    requireAtLeast("paperTextBasePoints", paperTextBasePoints, 1);
    requireAtLeast("gridPerSide", gridPerSide, 1);
    if (maxPointsPerSide > 1000) {
      throw new IllegalArgumentException("maxPointsPerSide must be at most 1000, found " + maxPointsPerSide);
    }
    if (!(visibilityTolerance >= 0) || !Double.isFinite(visibilityTolerance)) {
      throw new IllegalArgumentException("visibilityTolerance must be finite and >= 0, found " + visibilityTolerance);
    }
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", found " + value);
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, E[] values, String name) {
    String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : values) {
      if (e.name().equals(key)) {
        return e;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (E e : values) {
      expected.append(expected.length() == 0 ? "" : " or ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException(
        "prompt " + type.getSimpleName().toLowerCase(Locale.ROOT) + ": expected " + expected + ", found '" + name + "'");
  }

  public PromptConfig withMode(Mode m) {
    return new PromptConfig(m, density, patchesPerSide, cellsPerSide, pointsPerSideAtNearest, maxPointsPerSide,
        paperTextBasePoints, gridPerSide, seed, visibilityTolerance);
  }

  public PromptConfig withDensity(Density d) {
    return new PromptConfig(mode, d, patchesPerSide, cellsPerSide, pointsPerSideAtNearest, maxPointsPerSide,
        paperTextBasePoints, gridPerSide, seed, visibilityTolerance);
  }

  public PromptConfig withSeed(long s) {
    return new PromptConfig(mode, density, patchesPerSide, cellsPerSide, pointsPerSideAtNearest, maxPointsPerSide,
        paperTextBasePoints, gridPerSide, s, visibilityTolerance);
  }
}
