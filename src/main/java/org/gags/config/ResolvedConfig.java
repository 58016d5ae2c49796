package org.gags.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of one run: the defaults, overlaid by a preset, a properties file and
 * {@code --set} overrides, in that order, every value checked. Unknown keys are refused with the
 * place they came from. Knows which keys change which stage's output, for per-stage config hashes.
 * Spark and Hadoop settings ({@code spark.*}, {@code fs.*}) in the file or {@code --set} are kept
 * apart ({@link #sparkSettings}): they are no gags values and join no hash. Error messages show a
 * value only as {@link Redaction} allows.
 */
public final class ResolvedConfig {
  private final Map<String, String> values;
  private final SparkSettings spark;

  private ResolvedConfig(Map<String, String> values, SparkSettings spark) {
    this.values = Collections.unmodifiableMap(values);
    this.spark = spark;
  }

  /** A configuration from already-resolved values (as shipped to executors); every key is checked again. */
  public static ResolvedConfig of(Map<String, String> values) {
    Map<String, ConfigKey> keys = ConfigKeys.byName();
    Map<String, String> v = new LinkedHashMap<>(ConfigKeys.defaults());
    apply(v, keys, values, "resolved configuration");
    return new ResolvedConfig(v, SparkSettings.NONE);
  }

  public static ResolvedConfig defaults() {
    return resolve(Preset.GAGS, null, List.of());
  }

  /**
   * @param preset named preset (applied over the defaults)
   * @param file properties file or null
   * @param sets {@code key=value} overrides, last wins
   */
  public static ResolvedConfig resolve(Preset preset, Path file, List<String> sets) {
    Map<String, ConfigKey> keys = ConfigKeys.byName();
    Map<String, String> v = new LinkedHashMap<>(ConfigKeys.defaults());
    apply(v, keys, preset.overrides(), "preset " + preset.id());
    SparkSettings spark = SparkSettings.NONE;
    if (file != null) {
      Map<String, String> lines = readFile(file, keys);
      spark = spark.with(sparkPart(lines));
      apply(v, keys, lines, file.toString());
    }
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set " + Redaction.standard().entry(s) + ": expected key=value");
      }
      Map<String, String> one = new LinkedHashMap<>(Map.of(s.substring(0, eq).trim(), s.substring(eq + 1).trim()));
      spark = spark.with(sparkPart(one));
      apply(v, keys, one, "--set " + Redaction.standard().entry(s));
    }
    return new ResolvedConfig(v, spark);
  }

  /** Removes the Spark and Hadoop settings from {@code layer} and returns them. */
  private static SparkSettings sparkPart(Map<String, String> layer) {
    SparkSettings s = SparkSettings.NONE;
    for (java.util.Iterator<Map.Entry<String, String>> it = layer.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      if (SparkSettings.isSparkKey(e.getKey())) {
        s = s.with(e.getKey(), e.getValue());
        it.remove();
      }
    }
    return s;
  }

  private static void apply(Map<String, String> v, Map<String, ConfigKey> keys, Map<String, String> layer, String source) {
    for (Map.Entry<String, String> e : new TreeMap<>(layer).entrySet()) {
      ConfigKey k = keys.get(e.getKey());
      if (k == null) {
        throw new ConfigException(source + ": unknown key " + e.getKey() + " (known keys: " + String.join(", ", keys.keySet())
            + "; Spark settings: spark.*, Hadoop file-system settings: fs.*)");
      }
      String err = k.check().apply(e.getValue());
      if (err != null) {
        throw new ConfigException(source + ": " + e.getKey() + ": expected " + err + ", found '"
            + Redaction.standard().value(e.getKey(), e.getValue()) + "'");
      }
      v.put(e.getKey(), e.getValue().trim());
    }
  }

  private static Map<String, String> readFile(Path file, Map<String, ConfigKey> keys) {
    Map<String, String> m = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(file + ":" + (i + 1) + ": expected key = value, found '"
            + Redaction.standard().entry(line) + "'");
      }
      String key = line.substring(0, eq).trim();
      if (m.containsKey(key)) {
        throw new ConfigException(file + ":" + (i + 1) + ": " + key + " is set twice");
      }
      m.put(key, line.substring(eq + 1).trim());
    }
    return m;
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no config key " + key);
    }
    return v;
  }

  public int getInt(String key) {
    return Integer.parseInt(get(key));
  }

  public long getLong(String key) {
    return Long.parseLong(get(key));
  }

  public double getDouble(String key) {
    return Double.parseDouble(get(key));
  }

  /** The gags keys' values (no Spark settings). */
  public Map<String, String> values() {
    return values;
  }

  /** The Spark and Hadoop settings of the {@code --conf} file and {@code --set}, in order (for the Spark session). */
  public SparkSettings sparkSettings() {
    return spark;
  }

  /** The keys that change {@code stage}'s output, with their values, sorted. */
  public Map<String, String> forStage(String stage) {
    Map<String, String> m = new TreeMap<>();
    for (ConfigKey k : ConfigKeys.ALL) {
      if (stage.equals(k.stage())) {
        m.put(k.name(), values.get(k.name()));
      }
    }
    return m;
  }

  /** Properties text of every value, one per line, in key order of {@link ConfigKeys#ALL}. */
  public String toProperties() {
    StringBuilder sb = new StringBuilder();
    for (ConfigKey k : ConfigKeys.ALL) {
      sb.append(k.name()).append(" = ").append(values.get(k.name())).append('\n');
    }
    return sb.toString();
  }

  /** SHA-256 of the given lines joined by newlines, as hex. */
  public static String sha256(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return org.gags.io.Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Hash of the whole resolved configuration. */
  public String hash() {
    List<String> lines = new ArrayList<>();
    values.forEach((k, val) -> lines.add(k + "=" + val));
    return sha256(lines);
  }

}
