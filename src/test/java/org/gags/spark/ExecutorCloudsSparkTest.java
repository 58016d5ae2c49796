package org.gags.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.store.TableStore;
import org.gags.synth.OrbitScene;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executors' cloud cache holds the scenes in flight and no more: over a run of many batches
 * it keeps the current batch's clouds, reads each scene's PLY once, and so does not grow with the
 * number of scenes (the heap itself is measured by {@code jobs/gags bench load}).
 */
class ExecutorCloudsSparkTest extends SparkTestBase {
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    startSpark("ExecutorCloudsSparkTest", Map.of());
  }

  @Test
  void aRunOfManyBatchesKeepsOnlyTheBatchInFlight() throws Exception {
    List<SceneRef> scenes = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      Path s = dir.resolve(String.format("scenes/s%02d", i));
      OrbitScene.write(s, i, 2_000, 2, 32, 24);
      scenes.add(new SceneRef(String.format("s%02d", i), s.toString()));
    }
    ResolvedConfig config = ResolvedConfig.resolve(Preset.GAGS, null, List.of("run.concurrent_scenes=2"));
    RunContext ctx = new RunContext(spark, new TableStore(dir.resolve("out").toString(),
        spark.sparkContext().hadoopConfiguration()), config, "clouds", "test");
    List<Integer> heldAfterBatch = new ArrayList<>();
    long reads = ExecutorClouds.reads();
    RunReport report = new Pipeline(ctx).afterEachBatch(done -> heldAfterBatch.add(ExecutorClouds.cached()))
        .run(scenes, Set.of("scan", "depth", "min-depth"), false);
    assertTrue(report.failures().isEmpty(), report.toString());
    assertEquals(10, ExecutorClouds.reads() - reads, "each scene's PLY read once: the batch's clouds were kept");
    assertEquals(5, heldAfterBatch.size());
    // The first batches may still see a wider stage of an earlier test in this JVM; the last ones hold 2 clouds.
    assertEquals(List.of(2, 2), heldAfterBatch.subList(3, 5), "clouds held after each batch: " + heldAfterBatch);
  }
}
