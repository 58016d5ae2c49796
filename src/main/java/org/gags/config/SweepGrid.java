package org.gags.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's grid file: one point per line, a name and then {@code key=value} overrides separated
 * by spaces; {@code #} starts a comment, blank lines are skipped. Every line is checked before
 * anything runs (names, keys, values, repeats), and all problems are reported together, each
 * naming the file, the line, the point, the key, what was expected and what was found.
 */
public record SweepGrid(Path file, String text, List<GridPoint> points) {
  /** Letters, digits, '.', '_' and '-': a point name is a folder name and part of run ids. */
  static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  /** Keys a point cannot change: one Spark session runs every point. */
  static final List<String> SWEEP_WIDE = List.of("run.local_master");

  public SweepGrid {
    points = List.copyOf(points);
  }

  /**
   * Reads and checks {@code file}; each point's configuration is {@code preset}, {@code conf} and
   * {@code sets} (already checked by the caller), then the point's overrides.
   *
   * @throws ConfigException listing every problem of the file, one per line
   */
  public static SweepGrid read(Path file, Preset preset, Path conf, List<String> sets) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("--grid " + file + ": cannot read the grid file: " + e.getMessage());
    }
    Map<String, ConfigKey> keys = ConfigKeys.byName();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    List<GridPoint> points = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String[] tokens = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
      if (tokens[0].isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String name = tokens[0];
      if (name.contains("=")) {
        problems.add(where + "expected a point name first, then key=value overrides, found '" + name + "' where the"
            + " name goes");
        continue;
      }
      if (!name.matches(NAME)) {
        problems.add(where + "expected a point name of at most 64 letters, digits, '.', '_' and '-', found '" + name + "'");
        continue;
      }
      Integer first = names.putIfAbsent(name, i + 1);
      if (first != null) {
        problems.add(where + "point " + name + ": expected a name not used before, found the name of line " + first);
        continue;
      }
      String at = where + "point " + name + ": ";
      int before = problems.size();
      Map<String, String> seen = new LinkedHashMap<>();
      List<String> overrides = new ArrayList<>();
      for (int t = 1; t < tokens.length; t++) {
        String problem = check(tokens[t], keys, seen);
        if (problem != null) {
          problems.add(at + problem);
        } else {
          overrides.add(tokens[t]);
        }
      }
      if (problems.size() == before) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(overrides);
        points.add(new GridPoint(name, i + 1, overrides, ResolvedConfig.resolve(preset, conf, all)));
      }
    }
    if (problems.isEmpty() && points.isEmpty()) {
      problems.add(file + ": expected at least one grid point (a line with a name, then key=value overrides), found"
          + " none");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return new SweepGrid(file, text, points);
  }

  /** Null when {@code token} is a good override not seen before on its line, else what is wrong with it. */
  private static String check(String token, Map<String, ConfigKey> keys, Map<String, String> seen) {
    int eq = token.indexOf('=');
    if (eq <= 0) {
      return "expected key=value, found '" + token + "'";
    }
    String key = token.substring(0, eq);
    String value = token.substring(eq + 1);
    ConfigKey k = keys.get(key);
    if (k == null) {
      String near = closest(key, keys.keySet());
      return key + ": expected a configuration key (conf/gags.properties lists them" + (near == null ? "" : "; closest: "
          + near) + "), found an unknown key";
    }
    if (SWEEP_WIDE.contains(key)) {
      return key + ": expected a key that may differ between grid points, found one that is the same for the whole"
          + " sweep (one Spark session runs every point): set it with --set or --conf";
    }
    if (seen.put(key, value) != null) {
      return key + ": expected one value per point, found it set twice";
    }
    String err = k.check().apply(value);
    return err == null ? null : key + ": expected " + err + ", found '" + value + "'";
  }

  /** The known key nearest to {@code key} by edit distance, when it is close enough to be a typo. */
  static String closest(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
