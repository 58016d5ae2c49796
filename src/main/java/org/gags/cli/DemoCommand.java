package org.gags.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.io.ImageFiles;
import org.gags.prompt.PromptOverlay;
import org.gags.prompt.Prompts;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags demo}: the whole pipeline, as far as it is built, on the bundled sample scene:
 * generate it, run every stage on Spark (embedded local[*], or the cluster under spark-submit),
 * and draw the prompts of a close-up and an overview so a person can see what was made.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline on the bundled sample scene.",
      "Generates the scene under OUT/scene, runs every stage (scan, depth, min-depth, prompts) "
          + "on Spark into OUT/run, draws the prompts of two views under OUT/, and prints what was "
          + "made."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/sample", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Sample-scene seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Path sceneDir = out.resolve("scene");
    SampleScene.Summary made = SampleScene.write(sceneDir, SynthConfig.DEFAULT.withSeed(seed));
    System.out.printf("1/3 synth     %s: %,d Gaussians, %d views, %d labelled views (%d label objects) [%.1f s]%n",
        sceneDir, made.gaussians(), made.views(), made.labelledViews(), made.labelObjects(), secondsSince(t0));

    long t1 = System.nanoTime();
    ResolvedConfig config = ResolvedConfig.defaults();
    SparkSession spark = SparkSessions.getOrCreate("gags demo", config.get("run.local_master"));
    try {
      TableStore store = new TableStore(out.resolve("run").toString(), spark.sparkContext().hadoopConfiguration());
      RunContext ctx = new RunContext(spark, store, config, "demo", Version.current());
      SceneRef scene = new SceneRef("sample", sceneDir.toAbsolutePath().toString());
      RunReport report = new Pipeline(ctx).run(List.of(scene), Set.copyOf(Pipeline.stageNames()), true);
      if (!report.failures().isEmpty()) {
        System.err.println("gags demo: the pipeline failed: " + report.failures().get(0).error());
        return 1;
      }
      Map<String, Double> s = report.scenes().get(0).seconds();
      List<Row> prompts = store.read(spark, Tables.PROMPTS, scene.id()).orderBy("view_index").collectAsList();
      int fewest = Integer.MAX_VALUE;
      int most = 0;
      long total = 0;
      for (Row r : prompts) {
        int n = r.getInt(r.fieldIndex("count"));
        fewest = Math.min(fewest, n);
        most = Math.max(most, n);
        total += n;
      }
      System.out.printf("2/3 pipeline  Spark %s -> %s: scan %.1f s, depth %.1f s, min-depth %.1f s, prompts %.1f s;"
              + " %d views, %,d prompts (%d..%d per view) [%.1f s]%n",
          spark.sparkContext().master(), out.resolve("run"), s.get("scan"), s.get("depth"), s.get("min-depth"),
          s.get("prompts"), prompts.size(), total, fewest, most, secondsSince(t1));

      long t2 = System.nanoTime();
      StringBuilder drawn = new StringBuilder();
      for (int view : new int[] {0, 4}) {
        Row r = prompts.get(view);
        Path png = out.resolve(String.format("prompts_%s.png", SampleScene.imageName(view).replace(".png", "")));
        Prompts p = new Prompts(floats(r.getList(r.fieldIndex("x"))), floats(r.getList(r.fieldIndex("y"))),
            ints(r.getList(r.fieldIndex("patch_points"))), ints(r.getList(r.fieldIndex("patch_side"))));
        ImageFiles.writePng(png, PromptOverlay.draw(ImageIO.read(sceneDir.resolve("images").resolve(SampleScene.imageName(view)).toFile()), p));
        drawn.append(drawn.length() == 0 ? "" : ", ").append(png).append(" (").append(p.count()).append(" prompts)");
      }
      System.out.printf("3/3 look      %s [%.1f s]%n", drawn, secondsSince(t2));
    } finally {
      if (SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
    System.out.printf("done in %.1f s. Tables: %s (documented in docs/tables.md). Not built yet: SAM, CLIP,"
        + " distillation, evaluation.%n", secondsSince(t0), out.resolve("run"));
    return 0;
  }

  private static float[] floats(List<Float> v) {
    float[] a = new float[v.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.get(i);
    }
    return a;
  }

  private static int[] ints(List<Integer> v) {
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
