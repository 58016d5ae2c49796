package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.resource.ResourceRequest;
import org.apache.spark.resource.ResourceRequirement;
import org.apache.spark.resource.ResourceUtils;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.collection.JavaConverters;

/**
 * The named profiles in {@code conf/}: each is read the two ways it is used. As
 * {@code spark-submit --properties-file} reads it ({@link Properties}, spark.* keys only), every
 * Spark key must be one Spark defines with a value its own converter accepts (or a documented
 * family Spark takes by prefix: resources, executor environment, Hadoop, the RAPIDS plugin), and the
 * GPU resource amounts must be ones Spark's resource parser accepts. As {@code run --conf} reads it
 * (gags' config resolver), the other keys must resolve to the values the file gives and the Spark
 * keys must come out as the run's Spark settings, unchanged. Every
 * setting carries its own comment, and no profile holds a credential.
 */
@Tag("unit")
class ConfProfilesTest {
  /** Spark keys defined by prefix rather than as config entries, with what owns them. */
  private static final List<String> SPARK_FAMILIES = List.of(
      "spark.hadoop.",            // Hadoop settings, copied into the Hadoop configuration
      "spark.executorEnv.",       // executor environment variables
      "spark.executor.resource.", // executor resources (ResourceUtils)
      "spark.task.resource.",     // task resources (ResourceUtils)
      "spark.rapids.");           // the RAPIDS plugin's own settings, read by the plugin
  /** Spark's default spark.redaction.regex: keys whose values Spark treats as secrets. */
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]key");

  @ParameterizedTest
  @ValueSource(strings = {"local", "cluster-cpu", "cluster-gpu", "rapids", "s3"})
  void aProfileIsReadTheSameBySparkSubmitAndByGags(String name) throws IOException {
    Path file = Path.of("conf", name + ".properties");
    Map<String, String> settings = settings(file);
    assertFalse(settings.isEmpty(), file + " sets nothing");
    assertEquals(settings, asPropertiesReadsIt(file), file + ": java.util.Properties (what spark-submit uses) reads other values");

    Map<String, String> gags = new LinkedHashMap<>();
    Map<String, String> sparkKeys = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      assertFalse(SECRET.matcher(e.getKey()).find(), file + ": " + e.getKey() + " is a credential; credentials never go in a profile");
      if (e.getKey().startsWith("spark.")) {
        assertSparkAccepts(file, e.getKey(), e.getValue());
        sparkKeys.put(e.getKey(), e.getValue());
      } else {
        gags.put(e.getKey(), e.getValue());
      }
    }
    // run --conf: the gags keys become the run's values, the spark.* keys its Spark settings
    ResolvedConfig resolved = ResolvedConfig.resolve(Preset.GAGS, file, List.of());
    gags.forEach((k, v) -> assertEquals(v, resolved.get(k), file + ": " + k));
    assertEquals(sparkKeys, resolved.sparkSettings().values(), file + ": the Spark settings run --conf passes to its session");

    SparkConf spark = new SparkConf(false);
    settings.forEach((k, v) -> {
      if (k.startsWith("spark.")) {
        spark.set(k, v);
      }
    });
    assertResourcesParse(file, spark);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "cluster-cpu", "cluster-gpu", "rapids", "s3"})
  void everySettingHasItsOwnComment(String name) throws IOException {
    Path file = Path.of("conf", name + ".properties");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (!line.isEmpty() && !line.startsWith("#")) {
        assertTrue(i > 0 && lines.get(i - 1).trim().startsWith("#"),
            file + ":" + (i + 1) + ": expected a comment line above '" + line + "'");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster-gpu", "rapids"})
  void gpuProfilesGiveEveryTaskSlotAGpuShare(String name) throws IOException {
    Map<String, String> s = settings(Path.of("conf", name + ".properties"));
    double task = Double.parseDouble(s.get("spark.task.resource.gpu.amount"));
    int executor = Integer.parseInt(s.get("spark.executor.resource.gpu.amount"));
    assertEquals(1, executor, "one GPU per executor: a training takes a whole GPU");
    assertTrue(s.get("spark.executor.resource.gpu.discoveryScript").endsWith("/deploy/gpu-discovery.sh"), "the shipped script");
    if (s.containsKey("spark.executor.cores")) {
      int slots = Integer.parseInt(s.get("spark.executor.cores")) / Integer.parseInt(s.get("spark.task.cpus"));
      assertEquals(slots, (int) Math.round(executor / task), name + ": task slots and GPU shares per executor");
    }
  }

  @org.junit.jupiter.api.Test
  void theS3ProfileTakesCredentialsFromTheProviderChainOnly() throws IOException {
    Map<String, String> s = settings(Path.of("conf", "s3.properties"));
    assertEquals("com.amazonaws.auth.DefaultAWSCredentialsProviderChain", s.get("spark.hadoop.fs.s3a.aws.credentials.provider"));
    s.keySet().forEach(k -> assertTrue(k.startsWith("spark.hadoop.fs.s3a."), "s3 holds s3a settings only: " + k));
  }

  /** The file's settings as {@code run --conf} reads them: {@code key = value} lines, # comments. */
  private static Map<String, String> settings(Path file) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      assertTrue(eq > 0, file + ": expected key = value, found " + line);
      putOnce(m, line.substring(0, eq).trim(), line.substring(eq + 1).trim(), file);
    }
    return m;
  }

  private static void putOnce(Map<String, String> m, String key, String value, Path file) {
    assertTrue(m.put(key, value) == null, file + ": " + key + " is set twice");
  }

  private static Map<String, String> asPropertiesReadsIt(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k).trim());
    }
    return m;
  }

  /** A Spark key Spark defines (its converter accepts the value) or one of the prefix families. */
  private static void assertSparkAccepts(Path file, String key, String value) {
    ConfigEntry<?> entry = knownEntry(key);
    if (entry != null) {
      try {
        entry.valueConverter().apply(value);
      } catch (RuntimeException e) {
        throw new AssertionError(file + ": " + key + " = " + value + ": Spark refuses the value: " + e, e);
      }
      return;
    }
    assertTrue(SPARK_FAMILIES.stream().anyMatch(key::startsWith),
        file + ": " + key + " is not a Spark setting (a typo?): Spark defines no such entry and it is in no family of " + SPARK_FAMILIES);
  }

  /** Spark's config entry for {@code key}, after loading the objects that define gags' keys. */
  private static ConfigEntry<?> knownEntry(String key) {
    assertNotNull(org.apache.spark.internal.config.package$.MODULE$);
    assertNotNull(org.apache.spark.internal.config.UI$.MODULE$);
    assertNotNull(org.apache.spark.sql.internal.SQLConf$.MODULE$);
    return ConfigEntry.findEntry(key);
  }

  /** Executor and task resources as Spark parses them when it builds the default resource profile. */
  private static void assertResourcesParse(Path file, SparkConf conf) {
    try {
      for (ResourceRequest r : JavaConverters.seqAsJavaList(ResourceUtils.parseAllResourceRequests(conf, "spark.executor"))) {
        assertTrue(r.amount() > 0, file + ": executor " + r.id().resourceName());
      }
      for (ResourceRequirement r : JavaConverters.seqAsJavaList(ResourceUtils.parseResourceRequirements(conf, "spark.task"))) {
        assertTrue(r.amount() > 0, file + ": task " + r.resourceName());
      }
    } catch (RuntimeException e) {
      throw new AssertionError(file + ": Spark refuses the resource settings: " + e, e);
    }
  }
}
