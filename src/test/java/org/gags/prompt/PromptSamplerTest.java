package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Depth ratio, per-patch budgets, the uniform grid and the sampler's determinism. */
@Tag("unit")
class PromptSamplerTest {
  static PromptConfig onePatch(PromptConfig.Density density) {
    return new PromptConfig(PromptConfig.Mode.GRANULARITY_AWARE, density, 1, 10, 4, 20, 16, 32, 42L, 0.25);
  }

  @Test
  void ratioAveragesDepthOverAllPixelsAndMinDepthOverItsNonZeroPixels() {
    // A 4×2 patch: D = 2 on the top row, 0 (nothing rendered) below → mean D = 1;
    // Dmin non-zero at two pixels, 0.5 and 1.5 → mean 1. Ratio 1.
    float[] d = {2, 2, 2, 2, 0, 0, 0, 0};
    float[] m = {0.5f, 0, 0, 0, 0, 1.5f, 0, 0};
    PatchGrid.Patch p = new PatchGrid.Patch(0, 0, 4, 2);
    assertEquals(1.0, DepthRatio.ratio(d, m, 4, p));
    assertEquals(4.0 / 3.0, DepthRatio.ratio(d, new float[] {0.75f, 0, 0, 0, 0, 0, 0, 0}, 4, p), 1e-15);
    assertTrue(Double.isNaN(DepthRatio.ratio(d, new float[8], 4, p)), "no Dmin in the patch");
    // Paper text: only pixels with D > 0 and Dmin > 0: (0.5/2)² at (0,0); (1, 1) has D = 0.
    assertEquals(0.0625, DepthRatio.meanSquaredInverse(d, m, 4, p));
  }

  @Test
  void codeBudgetTruncatesAndClampsAndGivesOnePointBelowOneOrWithoutMinDepth() {
    PromptConfig cfg = PromptConfig.GAGS;
    assertEquals(new PatchBudget.Budget(4, 16), PatchBudget.code(1.0, cfg));
    assertEquals(new PatchBudget.Budget(7, 49), PatchBudget.code(1.99, cfg), "trunc(7.96) = 7");
    assertEquals(new PatchBudget.Budget(8, 64), PatchBudget.code(2.0, cfg));
    assertEquals(new PatchBudget.Budget(1, 1), PatchBudget.code(0.999, cfg), "ratio < 1: one point");
    assertEquals(new PatchBudget.Budget(1, 1), PatchBudget.code(Double.NaN, cfg));
    assertEquals(new PatchBudget.Budget(20, 400), PatchBudget.code(6.0, cfg), "trunc(24) clamped to 20");
    assertEquals(new PatchBudget.Budget(20, 400), PatchBudget.code(1e12, cfg));
    assertEquals(new PatchBudget.Budget(19, 361), PatchBudget.code(4.99, cfg));
  }

  @Test
  void paperTextBudgetRoundsSixteenTimesTheMeanSquaredInverse() {
    PromptConfig cfg = PromptConfig.GAGS_PAPER_TEXT;
    assertEquals(new PatchBudget.Budget(2, 4), PatchBudget.paperText(0.25, cfg), "view twice as far: 16/4 points");
    assertEquals(new PatchBudget.Budget(4, 16), PatchBudget.paperText(1.0, cfg));
    assertEquals(new PatchBudget.Budget(3, 7), PatchBudget.paperText(0.45, cfg), "round(7.2) = 7, side round(√7)");
    assertEquals(new PatchBudget.Budget(1, 1), PatchBudget.paperText(0.01, cfg), "round(0.16) = 0, clamped to 1");
    assertEquals(new PatchBudget.Budget(1, 1), PatchBudget.paperText(Double.NaN, cfg));
    assertEquals(new PatchBudget.Budget(20, 400), PatchBudget.paperText(100, cfg), "clamped to 20²");
  }

  @Test
  void paperTextSamplerOnAHandCase() {
    // One 10×10 patch: D = 4 everywhere, Dmin = 2 on 30 pixels → mean(Dmin²/D²) = 0.25 → 4 points.
    float[] d = new float[100];
    Arrays.fill(d, 4f);
    float[] m = new float[100];
    for (int i = 0; i < 30; i++) {
      m[i * 3] = 2f;
    }
    Prompts p = PromptSampler.sample(d, m, 10, 10, onePatch(PromptConfig.Density.PAPER_TEXT), 1);
    assertArrayEquals(new int[] {4}, p.patchPoints());
    Prompts code = PromptSampler.sample(d, m, 10, 10, onePatch(PromptConfig.Density.CODE), 1);
    assertArrayEquals(new int[] {64}, code.patchPoints(), "the code's reading: ratio 2 → 8² points");
  }

  @Test
  void sameSeedGivesIdenticalPromptsAndAnotherViewDoesNot() {
    int w = 96, h = 64;
    float[] d = new float[w * h];
    float[] m = new float[w * h];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (1 + r.nextDouble());
      m[i] = r.nextInt(5) == 0 ? (float) (0.5 + 0.5 * r.nextDouble()) : 0f;
    }
    long s3 = PromptSeeds.forView(42, "teatime", 3);
    Prompts a = PromptSampler.sample(d, m, w, h, PromptConfig.GAGS, s3);
    Prompts b = PromptSampler.sample(d, m, w, h, PromptConfig.GAGS, PromptSeeds.forView(42, "teatime", 3));
    Prompts c = PromptSampler.sample(d, m, w, h, PromptConfig.GAGS, PromptSeeds.forView(42, "teatime", 4));
    assertArrayEquals(a.x(), b.x());
    assertArrayEquals(a.y(), b.y());
    assertArrayEquals(a.patchPoints(), c.patchPoints(), "counts depend on depth only");
    assertFalse(Arrays.equals(a.x(), c.x()) && Arrays.equals(a.y(), c.y()), "another view index draws other points");
    assertTrue(a.count() > 64, "some patches get several points: " + a.count());
    for (int i = 0; i < a.count(); i++) {
      assertTrue(a.x()[i] >= 0 && a.x()[i] < w && a.y()[i] >= 0 && a.y()[i] < h);
    }
  }

  @Test
  void viewSeedsAreStableAndSeparateScenesViewsAndBaseSeeds() {
    long s = PromptSeeds.forView(42, "teatime", 0);
    // FNV-1a 64 test vector: "a" → 0xaf63dc4c8601ec8c.
    assertEquals(0xaf63dc4c8601ec8cL, PromptSeeds.fnv1a64("a"));
    assertEquals(s, PromptSeeds.forView(42, "teatime", 0));
    assertTrue(s != PromptSeeds.forView(42, "teatime", 1));
    assertTrue(s != PromptSeeds.forView(43, "teatime", 0));
    assertTrue(s != PromptSeeds.forView(42, "ramen", 0));
    assertThrows(IllegalArgumentException.class, () -> PromptSeeds.forView(42, "teatime", -1));
  }

  @Test
  void uniformGridIsSamsPointGridScaledToTheImage() {
    Prompts p = PromptSampler.sample(null, null, 640, 480, PromptConfig.LANGSPLAT_GRID, 0);
    assertEquals(1024, p.count());
    assertEquals(0, p.patchPoints().length);
    assertEquals(10f, p.x()[0]); // (0 + 0.5)/32 · 640
    assertEquals(7.5f, p.y()[0]); // (0 + 0.5)/32 · 480
    assertEquals(30f, p.x()[1], "i inner");
    assertEquals(7.5f, p.y()[1]);
    assertEquals(630f, p.x()[31]);
    assertEquals(10f, p.x()[32], "j outer: the second row starts again at the left");
    assertEquals(22.5f, p.y()[32]);
    assertEquals(472.5f, p.y()[1023]);
  }

  @Test
  void configRefusesBadValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PromptConfig(PromptConfig.Mode.GRANULARITY_AWARE, PromptConfig.Density.CODE, 0, 10, 4, 20, 16, 32, 42L, 0.25));
    assertEquals("patchesPerSide must be >= 1, found 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new PromptConfig(PromptConfig.Mode.GRANULARITY_AWARE, PromptConfig.Density.CODE, 8, 10, 4, 20, 16, 32, 42L, -1));
    assertEquals("visibilityTolerance must be finite and >= 0, found -1.0", e.getMessage());
    assertEquals(PromptConfig.Mode.UNIFORM_GRID, PromptConfig.Mode.fromName("uniform-grid"));
    assertEquals(PromptConfig.Density.PAPER_TEXT, PromptConfig.Density.fromName("Paper-Text"));
    e = assertThrows(IllegalArgumentException.class, () -> PromptConfig.Mode.fromName("grid"));
    assertEquals("prompt mode: expected granularity-aware or uniform-grid, found 'grid'", e.getMessage());
  }
}
