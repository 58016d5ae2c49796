package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.prompt.MinDepthReference;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.gags.spark.ExecutorClouds;
import org.gags.store.TableStore;
import org.gags.store.FloatBytes;
import org.gags.store.Tables;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.SparkTestBase;
import org.gags.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on a real Spark local[2]. */
class PipelineSparkTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path sceneA;
  static Path sceneB;
  static final Set<String> ALL = Set.copyOf(Stages.withoutModels());

  @BeforeAll
  static void start() throws IOException {
    startSpark("PipelineSparkTest", Map.of());
    SynthConfig small = SynthConfig.DEFAULT.withViews(8).withSize(200, 150);
    sceneA = dir.resolve("scenes/tabletop-a");
    sceneB = dir.resolve("scenes/tabletop-b");
    SampleScene.write(sceneA, small);
    SampleScene.write(sceneB, small.withSeed(5));
  }

  static RunContext context(Path out, List<String> sets) {
    ResolvedConfig config = ResolvedConfig.resolve(Preset.GAGS, null, sets);
    TableStore store = new TableStore(out.toString(), spark.sparkContext().hadoopConfiguration());
    return new RunContext(spark, store, config, "test-" + System.nanoTime(), "test");
  }

  @Test
  void distributedMinDepthEqualsTheSingleThreadedReferenceExactly() throws IOException {
    Path out = dir.resolve("out-min");
    Path fresh = dir.resolve("scenes/fresh-copy-a");
    TestFiles.copyTree(sceneA, fresh);
    RunContext ctx = context(out, List.of("depth.views_per_task=3"));
    long plyReads = ExecutorClouds.reads();
    RunReport report = new Pipeline(ctx).run(List.of(new SceneRef("a", fresh.toString())), ALL, false);
    assertTrue(report.failures().isEmpty(), report.toString());
    // 8 views in 3 tasks per stage, one executor JVM: the PLY was read once, not once per task.
    assertEquals(1, ExecutorClouds.reads() - plyReads);

    Scene scene = SceneLoader.load(sceneA);
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    List<Camera> cams = new ArrayList<>();
    List<float[]> depths = new ArrayList<>();
    for (View v : scene.views()) {
      cams.add(v.camera());
      depths.add(Rasterizer.render(cloud, v.camera(), RenderRequest.depthOnly(), RenderSettings.GSPLAT_CLASSIC).depth());
    }
    MinDepthReference.Result ref = MinDepthReference.compute(cloud, cams, depths, 0.25);

    Row g = ctx.store().read(spark, Tables.GAUSSIAN_MIN_DEPTH, "a").first();
    assertArrayEquals(ref.gaussianMin(), FloatBytes.decode((byte[]) g.get(1)));
    assertTrue(g.getInt(2) > cloud.count() / 4, "a good share of Gaussians is visible somewhere");
    List<Row> maps = ctx.store().read(spark, Tables.MIN_DEPTH, "a").orderBy("view_index").collectAsList();
    assertEquals(scene.views().size(), maps.size());
    for (Row m : maps) {
      int view = m.getInt(0);
      assertEquals(ref.maps().get(view).pixels().length, m.getInt(3));
      assertArrayEquals(ref.maps().get(view).pixels(), FloatBytes.decodeInts((byte[]) m.get(4)));
      assertArrayEquals(ref.maps().get(view).values(), FloatBytes.decode((byte[]) m.get(5)));
    }
    List<Row> depthRows = ctx.store().read(spark, Tables.DEPTH, "a").orderBy("view_index").collectAsList();
    for (Row d : depthRows) {
      assertArrayEquals(depths.get(d.getInt(0)), FloatBytes.decode((byte[]) d.get(3)), "depth of view " + d.getInt(0));
    }
  }

  @Test
  void twoRunsWithTheSameSeedWriteByteIdenticalPromptTables() throws IOException {
    List<SceneRef> scenes = List.of(new SceneRef("a", sceneA.toString()));
    Path out1 = dir.resolve("out-same-1");
    Path out2 = dir.resolve("out-same-2");
    new Pipeline(context(out1, List.of("depth.views_per_task=2"))).run(scenes, ALL, false);
    new Pipeline(context(out2, List.of("depth.views_per_task=5"))).run(scenes, ALL, false);
    for (String table : List.of("prompts", "min_depth", "gaussian_min_depth", "depth", "views")) {
      byte[] a = Files.readAllBytes(parquetFile(out1.resolve(table + "/scene_id=a")));
      byte[] b = Files.readAllBytes(parquetFile(out2.resolve(table + "/scene_id=a")));
      assertArrayEquals(a, b, table + " differs between runs");
    }
    Row p = spark.read().parquet(out1.resolve("prompts").toString()).where("view_index = 0").first();
    assertEquals("a", p.getString(p.fieldIndex("scene_id")), "the partition column reads back from the folder name");
    assertTrue(p.getInt(p.fieldIndex("count")) >= 64, "at least one point per patch");
  }

  @Test
  void aBadSceneFailsAloneAndIsRecordedWithItsFile() throws IOException {
    Path broken = dir.resolve("scenes/broken");
    TestFiles.copyTree(sceneA, broken);
    Path ply = broken.resolve("point_cloud/iteration_30000/point_cloud.ply");
    byte[] bytes = Files.readAllBytes(ply);
    Files.write(ply, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
    Path out = dir.resolve("out-fail");
    RunContext ctx = context(out, List.of());
    RunReport report = new Pipeline(ctx).run(
        List.of(new SceneRef("broken", broken.toString()), new SceneRef("b", sceneB.toString())), ALL, false);

    assertEquals(1, report.failures().size());
    RunReport.SceneResult failed = report.failures().get(0);
    assertEquals("broken", failed.scene().id());
    assertEquals("scan", failed.failedStage());
    assertTrue(failed.error().contains("point_cloud.ply"), failed.error());
    assertTrue(ctx.store().isComplete(Tables.PROMPTS, "b", new Pipeline(ctx).stageHashes().get("prompts")));
    Row f = spark.read().parquet(out.resolve("failures").toString()).first();
    assertEquals("broken", f.getString(f.fieldIndex("scene_id")));
    assertEquals("scan", f.getString(f.fieldIndex("stage")));
    assertTrue(!Files.exists(out.resolve("views/scene_id=broken")), "nothing is committed for the failed stage");
  }

  @Test
  void aSceneThatFailsInsideABatchJobFailsAloneAndTheOthersWriteWhatTheyWriteAlone() throws IOException {
    Path late = dir.resolve("scenes/late");
    TestFiles.copyTree(sceneB, late);
    List<SceneRef> batch = List.of(new SceneRef("a", sceneA.toString()), new SceneRef("late", late.toString()),
        new SceneRef("b", sceneB.toString()));
    Path together = dir.resolve("out-batch");
    RunContext ctx = context(together, List.of("run.concurrent_scenes=4"));
    assertTrue(new Pipeline(ctx).run(batch, Set.of("scan"), false).failures().isEmpty());
    // Scanned, then its PLY goes: the depth job's tasks for "late" fail on an executor, the others' do not.
    Files.delete(late.resolve("point_cloud/iteration_30000/point_cloud.ply"));
    RunReport report = new Pipeline(ctx).run(batch, ALL, false);
    assertFailedAlone(report, "late", "depth", "point_cloud.ply", together.resolve("depth/scene_id=late"));

    assertEachWritesWhatItWritesAlone(batch, List.of("a", "b"), together, "out-alone-",
        List.of("scenes", "views", "depth", "gaussian_min_depth", "min_depth", "prompts"));
  }

  /** {@code scene} is the run's only failure, in {@code stage}, with {@code errorPart} in its error, and nothing committed at {@code partition}. */
  private static void assertFailedAlone(RunReport report, String scene, String stage, String errorPart, Path partition) {
    assertEquals(List.of(scene), report.failures().stream().map(f -> f.scene().id()).toList(), report.toString());
    assertEquals(stage, report.failures().get(0).failedStage());
    assertTrue(report.failures().get(0).error().contains(errorPart), report.failures().get(0).error());
    assertTrue(!Files.exists(partition), "the failed scene's rows are not committed: " + partition);
  }

  /** Each of {@code ids}, run alone into a fresh output, writes the same bytes to {@code tables} as the batch did. */
  private static void assertEachWritesWhatItWritesAlone(List<SceneRef> batch, List<String> ids, Path together,
      String aloneFolder, List<String> tables) throws IOException {
    for (String id : ids) {
      Path alone = dir.resolve(aloneFolder + id);
      SceneRef ref = batch.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
      assertTrue(new Pipeline(context(alone, List.of("run.concurrent_scenes=1"))).run(List.of(ref), ALL, false)
          .failures().isEmpty());
      for (String table : tables) {
        assertArrayEquals(Files.readAllBytes(parquetFile(alone.resolve(table + "/scene_id=" + id))),
            Files.readAllBytes(parquetFile(together.resolve(table + "/scene_id=" + id))),
            table + " of " + id + ": the batch wrote other bytes than the scene alone");
      }
    }
  }

  @Test
  void aSceneThatFailsInMinDepthsFirstStepFailsAloneAndTheOthersWriteWhatTheyWriteAlone() throws IOException {
    // min-depth's second step reuses the first step's grouped views when every scene got through it;
    // here one does not, so the second step groups the others' views again.
    Path small = dir.resolve("scenes/small");
    SampleScene.write(small, SynthConfig.DEFAULT.withViews(8).withSize(100, 75).withSeed(7));
    List<SceneRef> batch = List.of(new SceneRef("a", sceneA.toString()), new SceneRef("small", small.toString()),
        new SceneRef("b", sceneB.toString()));
    Path together = dir.resolve("out-min-depth-batch");
    RunContext ctx = context(together, List.of("run.concurrent_scenes=4"));
    assertTrue(new Pipeline(ctx).run(batch, Set.of("depth"), false).failures().isEmpty());
    // The depth maps of "small" replaced by those of "a" (200x150 where its cameras are 100x75).
    Path smallDepth = together.resolve("depth/scene_id=small");
    Files.delete(parquetFile(smallDepth));
    Files.copy(parquetFile(together.resolve("depth/scene_id=a")), smallDepth.resolve("part-00000-from-a.parquet"));
    try (Stream<Path> crc = Files.list(smallDepth)) {
      for (Path p : crc.filter(p -> p.getFileName().toString().endsWith(".parquet.crc")).toList()) {
        Files.delete(p);
      }
    }
    RunReport report = new Pipeline(ctx).run(batch, ALL, false);
    assertFailedAlone(report, "small", "min-depth", "depth must hold 100*75 floats",
        together.resolve("gaussian_min_depth/scene_id=small"));
    assertEachWritesWhatItWritesAlone(batch, List.of("a", "b"), together, "out-min-depth-alone-",
        List.of("gaussian_min_depth", "min_depth", "prompts"));
  }

  @Test
  void finishedStagesAreSkippedAndAConfigChangeRedoesOnlyWhatItAffects() {
    Path out = dir.resolve("out-resume");
    List<SceneRef> scenes = List.of(new SceneRef("b", sceneB.toString()));
    RunReport first = new Pipeline(context(out, List.of())).run(scenes, ALL, false);
    assertEquals(List.of("scan", "depth", "min-depth", "prompts"), first.scenes().get(0).computed());

    RunReport again = new Pipeline(context(out, List.of())).run(scenes, ALL, false);
    assertEquals(List.of(), again.scenes().get(0).computed());

    RunReport reseeded = new Pipeline(context(out, List.of("prompt.seed=7"))).run(scenes, ALL, false);
    assertEquals(List.of("prompts"), reseeded.scenes().get(0).computed());

    RunReport tolerance = new Pipeline(context(out, List.of("prompt.seed=7", "min_depth.visibility_tolerance=0.3")))
        .run(scenes, Set.of("prompts"), false);
    assertEquals(List.of("min-depth", "prompts"), tolerance.scenes().get(0).computed());

    RunReport forced = new Pipeline(context(out, List.of("prompt.seed=7", "min_depth.visibility_tolerance=0.3")))
        .run(scenes, Set.of("depth"), true);
    assertEquals(List.of("depth"), forced.scenes().get(0).computed());
  }

  static Path parquetFile(Path partition) throws IOException {
    try (Stream<Path> s = Files.list(partition)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, files.size(), "one data file in " + partition);
      return files.get(0);
    }
  }
}
