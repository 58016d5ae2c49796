package org.gags.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.spark.ExecutorClouds;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.store.TableStore;
import org.gags.util.HeapPeaks;
import org.gags.util.ProcessMemory;
import org.gags.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags bench load}: many small scenes in one run each, with the heap measured after a full
 * GC at the end of every batch, to show whether memory grows with the number of scenes.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Runs many small scenes in one run per --counts value and measures the heap after GC after each batch.",
      "Generates max(--counts) small scenes under --work (if absent; orbit scenes of --gaussians random Gaussians, or "
          + "sample scenes with --gaussians 0), then in one JVM and one Spark session "
          + "(--master, default local[2]: driver and executors share this JVM's heap): a warm-up run of "
          + "--warmup scenes, then one run per value of --counts into a fresh output. After each batch of "
          + "run.concurrent_scenes scenes it forces a GC and records the heap in use and the part held by the "
          + "per-JVM cloud cache. Prints every sample and, per run, whether all scenes completed, the heap "
          + "after GC at the first and last batch, its least-squares growth per 10 scenes, and the peaks. "
          + "Exit code 1 when a scene failed."
    })
final class LoadBenchCommand implements Callable<Integer> {
  private static final double MIB = 1024.0 * 1024.0;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--work", required = true, description = "Folder for the scenes and tables.")
  Path work;

  @Option(names = "--counts", defaultValue = "10,50", split = ",", description = "Scenes per run (default: ${DEFAULT-VALUE}).")
  List<Integer> counts;

  @Option(names = "--warmup", defaultValue = "4", description = "Scenes of the warm-up run, 0 for none (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--gaussians", defaultValue = "20000",
      description = "Gaussians per orbit scene (random, SH 0, flat photos); 0 for the sample scene instead "
          + "(103,608 Gaussians, SH 3) (default: ${DEFAULT-VALUE}).")
  int gaussians;

  @Option(names = "--views", defaultValue = "3", description = "Views per scene (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--width", defaultValue = "64", description = "Image width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "48", description = "Image height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--stages", defaultValue = "scan,depth,min-depth,prompts", split = ",",
      description = "Stages to run (default: ${DEFAULT-VALUE}).")
  List<String> stages;

  @Option(names = "--concurrent", defaultValue = "4", description = "run.concurrent_scenes (default: ${DEFAULT-VALUE}).")
  int concurrent;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--preset", defaultValue = "sample-cpu", description = "Config preset (default: ${DEFAULT-VALUE}).")
  String preset;

  @picocli.CommandLine.Mixin SparkConfOption sparkConf;

  /** One measurement after a batch. */
  record Sample(int scenesDone, double seconds, long heapAfterGc, long cloudCache, int clouds) {}

  @Override
  public Integer call() {
    LinkedHashSet<String> selected;
    ResolvedConfig config;
    try {
      selected = new LinkedHashSet<>(Stages.parse(stages));
      config = ResolvedConfig.resolve(Preset.byId(preset), null, List.of("run.concurrent_scenes=" + concurrent));
    } catch (IllegalArgumentException | org.gags.config.ConfigException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (Stages.closure(selected).stream().anyMatch(s -> !s.models().isEmpty())) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--stages: expected stages without models (scan, depth, min-depth, prompts), found " + String.join(",", selected));
    }
    for (int c : counts) {
      BenchScenes.require(spec, c >= 1 && c <= 1000, "--counts", "values in 1..1000", c);
    }
    BenchScenes.require(spec, warmup >= 0 && warmup <= 1000, "--warmup", "0..1000", warmup);
    BenchScenes.require(spec, gaussians >= 0 && gaussians <= 10_000_000, "--gaussians", "0..10000000", gaussians);
    BenchScenes.require(spec, views >= 2, "--views", "at least 2", views);
    BenchScenes.require(spec, width >= 16 && height >= 16, "--width/--height", "at least 16 pixels each", width + "x" + height);
    int most = Math.max(warmup, Collections.max(counts));
    List<SceneRef> refs = gaussians == 0 ? BenchScenes.sample(work, most, views, width, height)
        : BenchScenes.orbit(work, most, gaussians, views, width, height);
    SparkSession spark = SparkSessions.getOrCreate("gags bench load", master, Map.of("spark.ui.enabled", "false"),
        sparkConf.settings(config));
    int failed = 0;
    try {
      System.out.printf("bench load: %s scenes of %d views at %dx%d, stages %s, run.concurrent_scenes %d, %s, max heap %d MiB,"
              + " %d cores, java %s%n%n", gaussians == 0 ? "sample (103,608 Gaussians)" : "orbit (" + gaussians
              + " Gaussians)", views, width, height, String.join(",", selected), concurrent,
          spark.sparkContext().master(), Math.round(Runtime.getRuntime().maxMemory() / MIB),
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      if (warmup > 0) {
        run(spark, config, refs.subList(0, warmup), selected, "warmup", new ArrayList<>());
      }
      List<String> summary = new ArrayList<>();
      for (int count : counts) {
        List<Sample> samples = new ArrayList<>();
        HeapPeaks.reset();
        long t0 = System.nanoTime();
        RunReport report = run(spark, config, refs.subList(0, count), selected, "n" + count, samples);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = HeapPeaks.peakBytes();
        failed += report.failures().size();
        System.out.printf("%d scenes: %d completed, %d failed, %.1f s%n", count, count - report.failures().size(),
            report.failures().size(), seconds);
        System.out.println("| scenes done | s | heap after GC MiB | cloud cache MiB (clouds) | heap after GC without the cache MiB |");
        System.out.println("|---|---|---|---|---|");
        for (Sample s : samples) {
          System.out.printf("| %d | %.1f | %.1f | %.1f (%d) | %.1f |%n", s.scenesDone(), s.seconds(), s.heapAfterGc() / MIB,
              s.cloudCache() / MIB, s.clouds(), (s.heapAfterGc() - s.cloudCache()) / MIB);
        }
        System.out.println();
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        summary.add(String.format("| %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f |", count,
            samples.size(), count - report.failures().size(), seconds, first.heapAfterGc() / MIB, last.heapAfterGc() / MIB,
            samples.stream().mapToLong(Sample::heapAfterGc).max().orElseThrow() / MIB,
            10 * slope(samples, false) / MIB, 10 * slope(samples, true) / MIB, peak / MIB,
            ProcessMemory.peakRssBytes() / MIB));
      }
      System.out.println("| scenes | batches | completed | s | heap after GC, first batch MiB | last batch MiB | max MiB"
          + " | growth per 10 scenes MiB | same without the cloud cache MiB | peak heap MiB (garbage included) | peak RSS MiB"
          + " (process so far) |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
      summary.forEach(System.out::println);
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    return failed == 0 ? 0 : 1;
  }

  private RunReport run(SparkSession spark, ResolvedConfig config, List<SceneRef> refs, LinkedHashSet<String> selected,
      String name, List<Sample> samples) {
    TableStore store = new TableStore(work.resolve("out-" + name).toString(), spark.sparkContext().hadoopConfiguration());
    long t0 = System.nanoTime();
    Pipeline pipeline = new Pipeline(new RunContext(spark, store, config, "bench-load-" + name, Version.current()))
        .afterEachBatch(done -> {
          System.gc();
          samples.add(new Sample(done, (System.nanoTime() - t0) / 1e9,
              ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), ExecutorClouds.cachedBytes(),
              ExecutorClouds.cached()));
        });
    return pipeline.run(refs, selected, true);
  }

  /** Least-squares slope of the heap after GC (optionally less the cloud cache) over scenes done, in bytes per scene. */
  static double slope(List<Sample> samples, boolean withoutCache) {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (Sample s : samples) {
      mx += s.scenesDone();
      my += s.heapAfterGc() - (withoutCache ? s.cloudCache() : 0);
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (Sample s : samples) {
      double dx = s.scenesDone() - mx;
      sxy += dx * (s.heapAfterGc() - (withoutCache ? s.cloudCache() : 0) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}
