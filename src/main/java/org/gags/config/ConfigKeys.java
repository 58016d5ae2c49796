package org.gags.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key gags knows, with its default. The single source for docs and checks. */
public final class ConfigKeys {
  public static final String SCAN = "scan";
  public static final String DEPTH = "depth";
  public static final String MIN_DEPTH = "min-depth";
  public static final String PROMPTS = "prompts";

  public static final List<ConfigKey> ALL = List.of(
      ConfigKey.of("scene.principal_point", "image-centre", SCAN,
          "Principal point of the views: image-centre rebuilds intrinsics from the field of view with cx = W/2,"
              + " cy = H/2 as the reference does; colmap uses COLMAP's cx, cy.",
          ConfigKey.oneOf("image-centre", "colmap")),
      ConfigKey.of("depth.views_per_task", "4", null,
          "Views rendered by one Spark task in the depth, min-depth and prompts stages (changes no output).",
          ConfigKey.intBetween(1, 10_000)),
      ConfigKey.of("min_depth.visibility_tolerance", "0.25", MIN_DEPTH,
          "A Gaussian centre is visible in a view when |D(u) - z| <= tolerance * D(u) (METHOD 2.1).",
          ConfigKey.doubleBetween(0, 10)),
      ConfigKey.of("prompt.mode", "granularity-aware", PROMPTS,
          "granularity-aware: depth-driven density (GAGS); uniform-grid: a fixed grid (LangSplat).",
          ConfigKey.oneOf("granularity-aware", "uniform-grid")),
      ConfigKey.of("prompt.density", "code", PROMPTS,
          "code: s = clamp(floor(4 * mean D / mean Dmin), 1, 20), s^2 points per patch (the authors' code);"
              + " paper-text: N * mean(Dmin^2 / D^2) points per patch (the paper's Eq. 1 as printed).",
          ConfigKey.oneOf("code", "paper-text")),
      ConfigKey.of("prompt.patches_per_side", "8", PROMPTS, "Patches per image side.", ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.cells_per_side", "10", PROMPTS, "Cells per patch side for weighted placement.",
          ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.points_per_side_at_nearest", "4", PROMPTS,
          "Points per patch side in the view nearest to the content (ratio 1).", ConfigKey.intBetween(1, 64)),
      ConfigKey.of("prompt.max_points_per_side", "20", PROMPTS, "Upper bound of points per patch side.",
          ConfigKey.intBetween(1, 256)),
      ConfigKey.of("prompt.paper_text_base_points", "16", PROMPTS, "N of the paper-text density.",
          ConfigKey.intBetween(1, 65_536)),
      ConfigKey.of("prompt.grid_per_side", "32", PROMPTS, "Points per side of the uniform grid.",
          ConfigKey.intBetween(1, 1024)),
      ConfigKey.of("prompt.seed", "42", PROMPTS, "Seed of the prompt placement; mixed with the scene id and view.",
          ConfigKey.longValue()),
      ConfigKey.of("run.local_master", "local[*]", null,
          "Spark master when gags is not started by spark-submit (changes no output).", ConfigKey.nonEmpty()));

  private ConfigKeys() {}

  public static Map<String, ConfigKey> byName() {
    Map<String, ConfigKey> m = new LinkedHashMap<>();
    for (ConfigKey k : ALL) {
      m.put(k.name(), k);
    }
    return m;
  }

  public static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ConfigKey k : ALL) {
      m.put(k.name(), k.defaultValue());
    }
    return m;
  }
}
