package org.gags.spark.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.spark.sql.Row;
import org.gags.store.CommitMarker;
import org.gags.store.TableDef;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.FailureRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages over the scenes. Per scene, stages run in order; a stage whose tables are
 * committed under its current config hash is skipped (resumable sweeps) unless forced. Scenes go
 * through in batches of {@code run.concurrent_scenes}: each stage runs once per batch, as one
 * Spark job per step over all its scenes, so the fixed cost of a job (planning, closure cleaning,
 * broadcasting the Hadoop configuration, the commit's read-back) is paid once per batch rather
 * than once per scene. A scene that fails leaves its batch alone, is recorded (log and {@code
 * failures} table), and the other scenes go on. Before any
 * work the run's resolved config and manifest are written under {@code _gags/runs/<run id>/}.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final RunContext ctx;
  private final List<Stage> stages;
  private final Map<String, String> hashes;
  private IntConsumer afterBatch = done -> { };

  public Pipeline(RunContext ctx) {
    this.ctx = ctx;
    this.stages = Stages.all();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Stage s : stages) {
      extra.put(s.name(), ModelStages.hashInputs(s, ctx));
    }
    this.hashes = StageHashes.compute(stages, ctx.config(), extra);
  }

  public Map<String, String> stageHashes() {
    return hashes;
  }

  /**
   * Has {@code listener} called after each batch with the number of scenes done so far (the
   * load benchmark measures the heap there). Returns this pipeline.
   */
  public Pipeline afterEachBatch(IntConsumer listener) {
    this.afterBatch = listener;
    return this;
  }

  /**
   * @param requested stage names to run; stages they depend on run too when their output is not
   *     complete under the current config
   * @param force recompute the requested stages even when complete
   */
  public RunReport run(List<SceneRef> scenes, Set<String> requested, boolean force) {
    Stages.parse(requested);
    checkReady(requested);
    writeRunRecord(scenes, requested, force);
    TaskFaults faults = TaskFaults.of(ctx.config());
    if (faults.on()) {
      LOG.warn("faults: task attempts fail on purpose ({}); on Spark {} they are retried only with task retries"
          + " (local[N,F], spark.task.maxFailures)", faults.manifest(), ctx.spark().sparkContext().master());
    }
    ctx.store().clearTemporary();
    int perBatch = ctx.config().getInt("run.concurrent_scenes");
    Map<String, RunReport.SceneResult> byScene = new LinkedHashMap<>();
    for (int from = 0; from < scenes.size(); from += perBatch) {
      List<SceneRef> batch = scenes.subList(from, Math.min(scenes.size(), from + perBatch));
      runBatch(batch, requested, force, from, scenes.size()).forEach(r -> byScene.put(r.scene().id(), r));
      afterBatch.accept(from + batch.size());
    }
    List<RunReport.SceneResult> results = scenes.stream().map(s -> byScene.get(s.id())).toList();
    List<Row> failures = new ArrayList<>();
    for (RunReport.SceneResult r : results) {
      if (r.failed()) {
        failures.add(new FailureRow(r.scene().id(), r.scene().folder(), r.failedStage(), r.error().split(":", 2)[0],
            r.error(), Timestamp.from(Instant.now())).toRow());
      }
    }
    if (!failures.isEmpty()) {
      CommitMarker marker = new CommitMarker(Tables.FAILURES.name(), Tables.FAILURES.version(), ctx.runId(), "run",
          "", Map.of(), ctx.runId(), ctx.gagsVersion(), Instant.now().toString(), -1);
      ctx.store().write(ctx.spark().createDataFrame(failures, Tables.FAILURES.schema()), Tables.FAILURES, ctx.runId(),
          "scene_id", marker);
    }
    return new RunReport(ctx.runId(), results);
  }

  /** One scene's progress through a batch. */
  private static final class SceneState {
    final SceneRef scene;
    final int nth;
    final Set<String> toRun;
    final List<String> computed = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final Map<String, Double> seconds = new LinkedHashMap<>();
    String failedStage;
    String error;

    SceneState(SceneRef scene, int nth, Set<String> toRun) {
      this.scene = scene;
      this.nth = nth;
      this.toRun = toRun;
    }

    RunReport.SceneResult result() {
      return new RunReport.SceneResult(scene, computed, skipped, failedStage, error, seconds);
    }
  }

  /**
   * The scenes of one batch through every stage, in order: each stage runs once for all the
   * batch's scenes that need it (one Spark job per step), and a scene that fails leaves the batch.
   * If a stage fails as a whole (not one scene), its scenes are retried one by one, so the scene at
   * fault fails alone.
   */
  private List<RunReport.SceneResult> runBatch(List<SceneRef> batch, Set<String> requested, boolean force, int offset,
      int total) {
    List<SceneState> states = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      states.add(new SceneState(batch.get(i), offset + i + 1, plan(batch.get(i), requested, force)));
    }
    for (Stage stage : stages) {
      List<SceneState> todo = new ArrayList<>();
      for (SceneState st : states) {
        if (st.failedStage != null) {
          continue;
        }
        if (st.toRun.contains(stage.name())) {
          todo.add(st);
        } else if (requested.contains(stage.name())) {
          st.skipped.add(stage.name());
          LOG.info("[{}/{}] {} {}: up to date (config {}), skipped", st.nth, total, st.scene.id(), stage.name(),
              hashes.get(stage.name()).substring(0, 12));
        }
      }
      if (!todo.isEmpty()) {
        runStage(stage, todo, total);
      }
    }
    return states.stream().map(SceneState::result).toList();
  }

  private void runStage(Stage stage, List<SceneState> todo, int total) {
    String names = ViewFrame.label(todo.stream().map(t -> t.scene.id()).toList());
    String range = todo.get(0).nth + (todo.size() > 1 ? "-" + todo.get(todo.size() - 1).nth : "");
    LOG.info("[{}/{}] {} {}: started", range, total, names, stage.name());
    long t0 = System.nanoTime();
    Map<String, SceneFailure> failures = new LinkedHashMap<>();
    try {
      for (SceneFailure f : runOnce(stage, todo.stream().map(t -> t.scene).toList())) {
        failures.put(f.sceneId(), f);
      }
    } catch (Exception | LinkageError | AssertionError e) {
      if (todo.size() == 1) {
        failures.put(todo.get(0).scene.id(), SceneFailure.of(todo.get(0).scene.id(), e));
      } else {
        LOG.warn("[{}/{}] {} {}: the batch failed as a whole ({}); running its scenes one by one", range, total, names,
            stage.name(), SceneFailure.of("", e).error());
        for (SceneState st : todo) {
          try {
            runOnce(stage, List.of(st.scene)).forEach(f -> failures.put(f.sceneId(), f));
          } catch (Exception | LinkageError | AssertionError one) {
            failures.put(st.scene.id(), SceneFailure.of(st.scene.id(), one));
          }
        }
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    for (SceneState st : todo) {
      SceneFailure f = failures.get(st.scene.id());
      if (f == null) {
        st.computed.add(stage.name());
        st.seconds.put(stage.name(), s);
        continue;
      }
      st.failedStage = stage.name();
      st.error = f.error();
      if (f.badInput()) {
        LOG.error("[{}/{}] {} {}: FAILED: {}", st.nth, total, st.scene.id(), stage.name(), f.error());
      } else {
        LOG.error("[{}/{}] {} {}: FAILED: {}\n{}", st.nth, total, st.scene.id(), stage.name(), f.error(), f.trace());
      }
    }
    LOG.info("[{}/{}] {} {}: done in {} s{}", range, total, names, stage.name(), String.format("%.1f", s),
        failures.isEmpty() ? "" : " (" + failures.size() + " failed)");
  }

  private List<SceneFailure> runOnce(Stage stage, List<SceneRef> scenes) throws Exception {
    ctx.spark().sparkContext().setJobGroup("gags/" + stage.name() + "/" + scenes.get(0).id(),
        stage.name() + " of " + ViewFrame.label(scenes.stream().map(SceneRef::id).toList()), false);
    try {
      return stage.run(ctx, scenes, hashes.get(stage.name()));
    } finally {
      ctx.spark().sparkContext().clearJobGroup();
    }
  }

  /**
   * Requested stages and everything upstream of them must be runnable with this config.
   *
   * @throws org.gags.config.ConfigException naming the missing setting
   */
  public void checkReady(Set<String> requested) {
    for (Stage s : Stages.closure(requested)) {
      ModelStages.checkReady(s, ctx);
    }
  }

  /** {@code _gags/runs/<run id>/config.properties} and {@code manifest.json}: how this run's outputs were made. */
  private void writeRunRecord(List<SceneRef> scenes, Set<String> requested, boolean force) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gags_version", ctx.gagsVersion());
    m.put("run_id", ctx.runId());
    m.put("started_at", Instant.now().toString());
    m.put("config_hash", ctx.config().hash());
    m.put("stage_hashes", hashes);
    if (!ctx.store().folders().isEmpty()) {
      m.put("table_folders", ctx.store().folders());
    }
    m.putAll(ctx.origin());
    m.put("stages", List.copyOf(requested));
    m.put("force", force);
    m.put("spark_master", ctx.spark().sparkContext().master());
    m.put("faults", TaskFaults.of(ctx.config()).manifest());
    m.put("scenes", scenes);
    String dir = "_gags/runs/" + ctx.runId();
    ctx.store().writeText(dir + "/config.properties",
        "# resolved configuration of run " + ctx.runId() + "\n" + ctx.config().toProperties());
    ctx.store().writeText(dir + "/manifest.json", TableStore.toJson(m) + "\n");
  }

  /** The requested stages (all when forced, else those not complete) plus incomplete upstream ones. */
  private Set<String> plan(SceneRef scene, Set<String> requested, boolean force) {
    Map<String, Stage> byName = Stages.byNameMap();
    Set<String> run = new LinkedHashSet<>();
    for (Stage s : stages) {
      boolean upstreamRuns = s.upstream().stream().anyMatch(run::contains);
      if (requested.contains(s.name()) && (force || upstreamRuns || !complete(s, scene))) {
        run.add(s.name());
      }
    }
    // Upstream stages a run depends on must be complete; add the ones that are not, transitively.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String name : List.copyOf(run)) {
        for (String up : byName.get(name).upstream()) {
          if (!run.contains(up) && !complete(byName.get(up), scene)) {
            run.add(up);
            changed = true;
          }
        }
      }
    }
    // Anything downstream of a stage that runs, and requested, must run as well (its input changed).
    for (Stage s : stages) {
      if (requested.contains(s.name()) && s.upstream().stream().anyMatch(run::contains)) {
        run.add(s.name());
      }
    }
    return run;
  }

  private boolean complete(Stage s, SceneRef scene) {
    for (TableDef t : s.outputs()) {
      if (!ctx.store().isComplete(t, scene.id(), hashes.get(s.name()))) {
        return false;
      }
    }
    return true;
  }
}
