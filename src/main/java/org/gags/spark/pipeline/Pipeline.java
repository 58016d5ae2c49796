package org.gags.spark.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.config.ConfigKeys;
import org.gags.store.CommitMarker;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages over the scenes. Per scene, stages run in order; a stage whose tables are
 * committed under its current config hash is skipped (resumable sweeps) unless forced. A scene
 * that fails is recorded (log and {@code failures} table) and the other scenes go on.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Every stage, in dependency order. */
  public static List<Stage> allStages() {
    return List.of(new ScanStage(), new DepthStage(), new MinDepthStage(), new PromptsStage(), new SegmentStage(),
        new EmbedStage());
  }

  /** The stages that need no model: scan, depth, min-depth, prompts. */
  public static List<String> geometryStageNames() {
    return List.of(ConfigKeys.SCAN, ConfigKeys.DEPTH, ConfigKeys.MIN_DEPTH, ConfigKeys.PROMPTS);
  }

  public static List<String> stageNames() {
    return allStages().stream().map(Stage::name).toList();
  }

  private final RunContext ctx;
  private final List<Stage> stages;
  private final Map<String, String> hashes;

  public Pipeline(RunContext ctx) {
    this.ctx = ctx;
    this.stages = allStages();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Stage s : stages) {
      extra.put(s.name(), s.hashInputs(ctx));
    }
    this.hashes = StageHashes.compute(stages, ctx.config(), extra);
  }

  public Map<String, String> stageHashes() {
    return hashes;
  }

  /**
   * @param requested stage names to run; stages they depend on run too when their output is not
   *     complete under the current config
   * @param force recompute the requested stages even when complete
   */
  public RunReport run(List<SceneRef> scenes, Set<String> requested, boolean force) {
    for (String r : requested) {
      if (!stageNames().contains(r)) {
        throw new IllegalArgumentException("--stages: unknown stage " + r + " (stages: " + String.join(", ", stageNames()) + ")");
      }
    }
    checkReady(requested);
    ctx.store().clearTemporary();
    List<RunReport.SceneResult> results = new ArrayList<>();
    List<Row> failures = new ArrayList<>();
    int done = 0;
    for (SceneRef scene : scenes) {
      done++;
      RunReport.SceneResult r = runScene(scene, requested, force, done, scenes.size());
      results.add(r);
      if (r.failed()) {
        failures.add(RowFactory.create(scene.id(), scene.folder(), r.failedStage(), r.error().split(":", 2)[0],
            r.error(), Timestamp.from(Instant.now())));
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

  /**
   * Requested stages and everything upstream of them must be runnable with this config.
   *
   * @throws org.gags.config.ConfigException naming the missing setting
   */
  public void checkReady(Set<String> requested) {
    Set<String> needed = new LinkedHashSet<>(requested);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stage s : stages) {
        if (needed.contains(s.name()) && !needed.containsAll(s.upstream())) {
          needed.addAll(s.upstream());
          changed = true;
        }
      }
    }
    for (Stage s : stages) {
      if (needed.contains(s.name())) {
        s.checkReady(ctx);
      }
    }
  }

  private RunReport.SceneResult runScene(SceneRef scene, Set<String> requested, boolean force, int nth, int total) {
    Set<String> toRun = plan(scene, requested, force);
    List<String> computed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Stage stage : stages) {
      if (!toRun.contains(stage.name())) {
        if (requested.contains(stage.name())) {
          skipped.add(stage.name());
          LOG.info("[{}/{}] {} {}: up to date (config {}), skipped", nth, total, scene.id(), stage.name(),
              hashes.get(stage.name()).substring(0, 12));
        }
        continue;
      }
      long t0 = System.nanoTime();
      LOG.info("[{}/{}] {} {}: started", nth, total, scene.id(), stage.name());
      ctx.spark().sparkContext().setJobGroup("gags/" + scene.id() + "/" + stage.name(),
          stage.name() + " of scene " + scene.id() + " (" + nth + "/" + total + ")", false);
      try {
        stage.run(ctx, scene, hashes.get(stage.name()));
      } catch (Exception | LinkageError | AssertionError e) {
        Throwable badInput = badInput(e);
        String error = (badInput != null ? badInput.getClass().getSimpleName() + ": " + badInput.getMessage()
            : e.getClass().getSimpleName() + ": " + rootMessage(e)).lines().findFirst().orElse("");
        if (isBadInput(e)) {
          LOG.error("[{}/{}] {} {}: FAILED: {}", nth, total, scene.id(), stage.name(), error);
        } else {
          LOG.error("[{}/{}] {} {}: FAILED: {}", nth, total, scene.id(), stage.name(), error, e);
        }
        return new RunReport.SceneResult(scene, computed, skipped, stage.name(), error, seconds);
      } finally {
        ctx.spark().sparkContext().clearJobGroup();
      }
      computed.add(stage.name());
      double s = (System.nanoTime() - t0) / 1e9;
      seconds.put(stage.name(), s);
      LOG.info("[{}/{}] {} {}: done in {} s", nth, total, scene.id(), stage.name(), String.format("%.1f", s));
    }
    return new RunReport.SceneResult(scene, computed, skipped, null, null, seconds);
  }

  /** The requested stages (all when forced, else those not complete) plus incomplete upstream ones. */
  private Set<String> plan(SceneRef scene, Set<String> requested, boolean force) {
    Map<String, Stage> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), s));
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

  /** Bad input already says what is wrong in its message; a stack trace would only bury it. */
  private static boolean isBadInput(Throwable e) {
    return badInput(e) != null;
  }

  /** The bad-input error in a cause chain (also when a Spark job wraps it), or null. */
  private static Throwable badInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.gags.scene.SceneFormatException) {
        return t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t instanceof org.apache.spark.SparkException)) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (t != e && t.getClass() != e.getClass()) {
      m = t.getClass().getSimpleName() + ": " + m;
    }
    return m == null ? t.getClass().getName() : m;
  }
}
