package org.gags.config;

import java.util.List;

/**
 * One point of a sweep grid: its name, the grid file's line that defines it, its {@code key=value}
 * overrides as written, and the configuration they give (the sweep's preset, {@code --conf} and
 * {@code --set}, then the overrides).
 */
public record GridPoint(String name, int line, List<String> overrides, ResolvedConfig config) {
  public GridPoint {
    overrides = List.copyOf(overrides);
  }

  /** The overrides as one line, separated by spaces (empty for the base config). */
  public String overridesText() {
    return String.join(" ", overrides);
  }
}
