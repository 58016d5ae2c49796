package org.gags.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark settings a user hands to gags (not gags keys): {@code spark.*} keys, and Hadoop
 * file-system keys {@code fs.*} as a shorthand for {@code spark.hadoop.fs.*}, from a {@code --conf}
 * file, {@code --set} or {@code --spark-conf}. They go to the Spark session (and through it to
 * the Hadoop configuration) and nowhere else: they join no config hash and are written out only
 * redacted ({@link #redacted}), so an S3 secret given here reaches neither an output nor a log.
 */
public final class SparkSettings {
  public static final SparkSettings NONE = new SparkSettings(Map.of());
  private static final String HADOOP_FS = "fs.";

  private final Map<String, String> values;

  private SparkSettings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** True for keys that are Spark or Hadoop file-system settings rather than gags keys. */
  public static boolean isSparkKey(String key) {
    return key.startsWith("spark.") || key.startsWith(HADOOP_FS);
  }

  /** The Spark name of a setting: {@code fs.x} becomes {@code spark.hadoop.fs.x}. */
  public static String sparkName(String key) {
    return key.startsWith(HADOOP_FS) ? "spark.hadoop." + key : key;
  }

  /**
   * {@code --spark-conf} entries ({@code spark.*=value}, as spark-submit's {@code --conf}), in
   * order; a later entry for the same key wins. The messages of refused entries never show a value.
   *
   * @throws ConfigException for an entry without {@code =}, or a key outside {@code spark.*}
   */
  public static SparkSettings parse(List<String> entries, String option) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        // Not shown: an entry without a key may be a secret given on its own.
        throw new ConfigException(option + ": expected KEY=VALUE, found " + (eq == 0 ? "an entry without a key"
            : "an entry without '='") + " (not shown)");
      }
      String key = e.substring(0, eq).trim();
      if (!key.startsWith("spark.")) {
        throw new ConfigException(option + " " + key + ": expected a Spark key (spark.*; Hadoop settings as "
            + "spark.hadoop.*, or fs.* in --set and --conf files), found " + key);
      }
      m.remove(key);
      m.put(key, e.substring(eq + 1).trim());
    }
    return new SparkSettings(m);
  }

  /** These settings with {@code key} (a {@link #isSparkKey} key, renamed by {@link #sparkName}) set to {@code value}. */
  public SparkSettings with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.remove(sparkName(key));
    m.put(sparkName(key), value);
    return new SparkSettings(m);
  }

  /** These settings overlaid by {@code later}'s (later wins). */
  public SparkSettings with(SparkSettings later) {
    SparkSettings s = this;
    for (Map.Entry<String, String> e : later.values.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /** Spark key to value, in the order given. Secrets in clear: for the Spark session only. */
  public Map<String, String> values() {
    return values;
  }

  /** As {@link #values}, with secret values replaced as Spark redacts them: what may be written or printed. */
  public Map<String, String> redacted() {
    return redaction().values(values);
  }

  /** The redaction these settings ask for (the default pattern and their {@code spark.redaction.regex}). */
  public Redaction redaction() {
    return Redaction.of(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
