package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.scene.SceneLoader;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneInputs;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.store.TableStore;
import org.gags.synth.OrbitScene;
import org.gags.util.Version;
import org.gags.util.HeapPeaks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench pipeline}: the depth, min-depth and prompts stages on local[1] and local[2]. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Times the depth, min-depth and prompts stages on embedded Spark masters.",
      "Runs scan once, then each stage with --force, per master, on --scene or on a generated "
          + "orbit scene (--generate: default 1M Gaussians, 200 views at 988x731). Reports seconds, "
          + "views/s, the speed-up over the first master, and peak JVM heap (in local mode the "
          + "executors are the driver JVM, so this is the executors' peak), reset before each stage."
    })
final class PipelineBenchCommand implements Callable<Integer> {
  @Option(names = "--scene", description = "Scene folder to benchmark.")
  Path scene;

  @Option(names = "--generate", description = "Generate an orbit scene here (if absent) and benchmark it.")
  Path generate;

  @Option(names = "--gaussians", defaultValue = "1000000", description = "Gaussians of a generated scene (default: ${DEFAULT-VALUE}).")
  int gaussians;

  @Option(names = "--views", defaultValue = "200", description = "Views of a generated scene (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--width", defaultValue = "988", description = "Image width of a generated scene (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "731", description = "Image height of a generated scene (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",",
      description = "Spark masters to compare (default: ${DEFAULT-VALUE}).")
  List<String> masters;

  @Option(names = "--work", required = true, description = "Folder for the benchmark's output tables.")
  Path work;

  @Override
  public Integer call() throws Exception {
    if ((scene == null) == (generate == null)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "give exactly one of --scene and --generate");
    }
    Path folder = scene;
    if (generate != null) {
      folder = generate;
      if (!Files.exists(folder.resolve("sparse"))) {
        long t0 = System.nanoTime();
        OrbitScene.write(folder, 1, gaussians, views, width, height);
        System.out.printf("generated %s: %,d Gaussians, %d views at %dx%d in %.1f s%n", folder, gaussians, views, width,
            height, (System.nanoTime() - t0) / 1e9);
      }
    }
    int viewCount = SceneLoader.load(folder).views().size();
    List<SceneRef> refs = SceneInputs.resolve(List.of(folder.toString()));
    System.out.printf("pipeline bench: %s, %d views, %d cores, max heap %d MiB, java %s%n%n", folder, viewCount,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    System.out.println("| master | stage | seconds | views/s | speed-up | peak heap MiB |");
    System.out.println("|---|---|---|---|---|---|");
    Map<String, Double> first = new java.util.HashMap<>();
    for (String master : masters) {
      SparkSession spark = SparkSessions.getOrCreate("gags bench", master.trim(), Map.of("spark.ui.enabled", "false"));
      try {
        String out = work.resolve("out-" + master.replaceAll("[^A-Za-z0-9]", "")).toString();
        RunContext ctx = new RunContext(spark, new TableStore(out, spark.sparkContext().hadoopConfiguration()),
            ResolvedConfig.defaults(), "bench", Version.current());
        Pipeline pipeline = new Pipeline(ctx);
        check(pipeline.run(refs, Set.of(Stages.all().get(0).name()), true));
        for (String stage : Stages.withoutModels().stream().filter(n -> !Stages.byName(n).upstream().isEmpty()).toList()) {
          System.gc();
          HeapPeaks.reset();
          RunReport r = check(pipeline.run(refs, Set.of(stage), true));
          double s = r.scenes().get(0).seconds().get(stage);
          first.putIfAbsent(stage, s);
          System.out.printf("| %s | %s | %.1f | %.2f | %.2f | %d |%n", spark.sparkContext().master(), stage, s,
              viewCount / s, first.get(stage) / s, HeapPeaks.peakBytes() >> 20);
        }
      } finally {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
      }
    }
    return 0;
  }

  private static RunReport check(RunReport r) {
    if (!r.failures().isEmpty()) {
      throw new IllegalStateException("benchmark run failed: " + r.failures().get(0).error());
    }
    return r;
  }
}
