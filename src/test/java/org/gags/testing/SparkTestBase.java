package org.gags.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.RunContext;
import org.gags.store.TableStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * The Spark tier's base: one embedded {@code local[2]} session per test class, started by the
 * class's own {@code @BeforeAll} through {@link #startSpark} (so a class can add settings, such as
 * an S3 endpoint it starts first), stopped after the class.
 */
@Tag("spark")
public abstract class SparkTestBase {
  protected static SparkSession spark;

  /** Starts the class's session: {@code local[2]}, no UI, plus {@code settings}. */
  protected static SparkSession startSpark(String name, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.putIfAbsent("spark.ui.enabled", "false");
    spark = SparkSessions.getOrCreate(name, "local[2]", all);
    return spark;
  }

  /**
   * A run on this class's session into {@code out}: the {@code sample-cpu} preset with the
   * {@code --set} lists applied in order, under a fresh run id.
   */
  @SafeVarargs
  protected static RunContext sampleCpuContext(Path out, List<String>... sets) {
    List<String> all = new ArrayList<>();
    for (List<String> s : sets) {
      all.addAll(s);
    }
    ResolvedConfig config = ResolvedConfig.resolve(Preset.SAMPLE_CPU, null, all);
    TableStore store = new TableStore(out.toString(), spark.sparkContext().hadoopConfiguration());
    return new RunContext(spark, store, config, "test-" + System.nanoTime(), "test");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }
}
