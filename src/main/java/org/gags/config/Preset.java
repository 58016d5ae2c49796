package org.gags.config;

import java.util.Map;

/** Named configurations for sweeps; each overrides a few keys of the defaults. */
public enum Preset {
  /** The GAGS defaults (the authors' code). */
  GAGS("gags", Map.of()),
  /** The paper's Eq. 1 as printed, for comparison with the code's density. */
  GAGS_PAPER_TEXT("gags-paper-text", Map.of("prompt.density", "paper-text")),
  /** LangSplat's uniform 32×32 prompt grid, the baseline of the paper's ablation. */
  LANGSPLAT_GRID("langsplat-grid", Map.of("prompt.mode", "uniform-grid")),
  /**
   * GAGS's prompting with 4 times fewer points per patch side (so at most a sixteenth of the points),
   * for CPU-only runs of small scenes (the demo):
   * s = clamp(trunc(D / Dmin), 1, 3) points per patch side instead of clamp(trunc(4 D / Dmin), 1, 20).
   * Density still follows depth; SAM's decoder on CPU takes tens of milliseconds per prompt.
   */
  SAMPLE_CPU("sample-cpu", Map.ofEntries(Map.entry("prompt.points_per_side_at_nearest", "1"),
      Map.entry("prompt.max_points_per_side", "3"),
      /*
       * Distillation scaled for a 2-core CPU (the demo): a quarter of the original resolution instead
       * of half, a 64-wide feature decoder instead of 256, 400 iterations instead of 30,000 with the
       * late-loss switch at the same point of the schedule (201 of 400 as 15,001 of 30,000), and a
       * 10x decoder learning rate so that the decoders learn in that many steps. Every loss term stays.
       */
      Map.entry("contributors.resolution_factor", "4"), Map.entry("distill.decoder_width", "64"),
      Map.entry("distill.iterations", "400"), Map.entry("distill.late_start", "201"),
      Map.entry("distill.decoder_lr", "0.001"), Map.entry("distill.checkpoint_every", "100"),
      Map.entry("distill.log_every", "50")));

  private final String id;
  private final Map<String, String> overrides;

  Preset(String id, Map<String, String> overrides) {
    this.id = id;
    this.overrides = overrides;
  }

  public String id() {
    return id;
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  public static Preset byId(String id) {
    for (Preset p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Preset p : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(p.id);
    }
    throw new ConfigException("--preset: expected one of " + known + ", found " + id);
  }
}
