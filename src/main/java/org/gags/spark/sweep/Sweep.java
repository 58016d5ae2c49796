package org.gags.spark.sweep;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gags.config.ConfigException;
import org.gags.config.ConfigKeys;
import org.gags.config.GridPoint;
import org.gags.config.SweepGrid;
import org.gags.eval.SweepSummary;
import org.gags.spark.pipeline.DistillSettings;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stage;
import org.gags.spark.pipeline.Stages;
import org.gags.store.StageFolders;
import org.gags.store.TableDef;
import org.gags.store.TableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep: every grid point's pipeline over the same scenes, in grid order, in one output root.
 * {@link #plan} checks each point (models configured, distillation settings) and computes its
 * stage hashes, writing nothing; {@link #run} records the sweep, then runs each point that is not
 * up to date with its tables in the folders of their stage hashes, so a stage whose hash an earlier
 * point (or an earlier sweep) committed is skipped, commits the point's {@code sweep_metrics} rows,
 * and finally writes the report that compares the points.
 */
public final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

  /** One checked grid point: its run's context (tables in their stage folders) and its pipeline. */
  public record PlannedPoint(GridPoint point, RunContext ctx, Pipeline pipeline) {
    public Map<String, String> hashes() {
      return pipeline.stageHashes();
    }

    public String evalHash() {
      return hashes().get(ConfigKeys.EVAL);
    }
  }

  /** What a point did in this sweep run: its pipeline's report, or null when it was up to date. */
  public record PointOutcome(String point, RunReport report) {
    public boolean upToDate() {
      return report == null;
    }
  }

  /** The sweep run: each point's outcome, what the report shows, and where the report went. */
  public record Outcome(String sweepId, List<PointOutcome> points, SweepSummary summary, String html, String csv) {
    public List<SweepSummary.Failure> failures() {
      return summary.failures();
    }
  }

  private final RunContext base;
  private final SweepGrid grid;
  private final List<PlannedPoint> points;

  private Sweep(RunContext base, SweepGrid grid, List<PlannedPoint> points) {
    this.base = base;
    this.grid = grid;
    this.points = List.copyOf(points);
  }

  /**
   * Checks every point of {@code grid} and computes its stage hashes; writes nothing.
   *
   * @param base the sweep's Spark, output root, id ({@code runId}), version and origin; its config is unused
   * @throws ConfigException naming the grid file, the line and the point whose config cannot run
   */
  public static Sweep plan(RunContext base, SweepGrid grid) {
    List<PlannedPoint> planned = new ArrayList<>();
    for (GridPoint p : grid.points()) {
      Map<String, Object> origin = new LinkedHashMap<>(base.origin());
      origin.put("sweep_id", base.runId());
      origin.put("point", p.name());
      origin.put("overrides", p.overrides());
      String runId = base.runId() + "-" + p.name();
      Map<String, String> hashes;
      try {
        Pipeline probe = new Pipeline(new RunContext(base.spark(), base.store(), p.config(), runId, base.gagsVersion(),
            origin));
        probe.checkReady(new LinkedHashSet<>(Stages.names()));
        DistillSettings.of(p.config(), p.config().getInt("model.clip.embedding_size"));
        hashes = probe.stageHashes();
      } catch (ConfigException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        throw new ConfigException(grid.file() + ":" + p.line() + ": point " + p.name() + ": " + e.getMessage());
      }
      RunContext ctx = new RunContext(base.spark(), base.store().withFolders(folders(hashes)), p.config(), runId,
          base.gagsVersion(), origin);
      planned.add(new PlannedPoint(p, ctx, new Pipeline(ctx)));
    }
    return new Sweep(base, grid, planned);
  }

  /** Table name to the folder of its stage's hash, for every table a stage writes. */
  static Map<String, String> folders(Map<String, String> hashes) {
    Map<String, String> out = new TreeMap<>();
    for (Stage s : Stages.all()) {
      for (TableDef t : s.outputs()) {
        out.put(t.name(), StageFolders.of(s.name(), hashes.get(s.name())));
      }
    }
    return out;
  }

  public List<PlannedPoint> points() {
    return points;
  }

  /** Runs the points that are not up to date over {@code scenes}, then writes the report. */
  public Outcome run(List<SceneRef> scenes) {
    writeRecord(scenes);
    TableStore root = base.store();
    List<PointOutcome> outcomes = new ArrayList<>();
    List<SweepSummary.Failure> failures = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      PlannedPoint p = points.get(i);
      String name = p.point().name();
      String overrides = p.point().overridesText();
      if (SweepRows.upToDate(root, name, overrides, p.evalHash(), scenes)) {
        LOG.info("sweep {} point {}/{} {}: up to date (eval {}), skipped", base.runId(), i + 1, points.size(), name,
            p.evalHash().substring(0, 12));
        outcomes.add(new PointOutcome(name, null));
        continue;
      }
      LOG.info("sweep {} point {}/{} {} ({}): started", base.runId(), i + 1, points.size(), name,
          overrides.isEmpty() ? "base config" : overrides);
      RunReport report = p.pipeline().run(scenes, new LinkedHashSet<>(Stages.names()), false);
      SweepRows.commit(root, p, SweepRows.of(p, report));
      for (RunReport.SceneResult r : report.failures()) {
        failures.add(new SweepSummary.Failure(name, r.scene().id(), r.failedStage(), r.error()));
      }
      outcomes.add(new PointOutcome(name, report));
    }
    SweepSummary summary = SweepReports.summary(root, base.spark(), "gags sweep " + base.runId() + " (" +
        grid.file().getFileName() + ")", points, scenes, failures);
    SweepReports.Written report = SweepReports.write(root, base.runId(), summary);
    return new Outcome(base.runId(), outcomes, summary, report.html(), report.csv());
  }

  /** {@code _gags/sweeps/<sweep id>/}: the grid file as given and a manifest with every point's stage hashes. */
  private void writeRecord(List<SceneRef> scenes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gags_version", base.gagsVersion());
    m.put("sweep_id", base.runId());
    m.put("started_at", Instant.now().toString());
    m.put("grid", grid.file().toAbsolutePath().toString());
    m.putAll(base.origin());
    m.put("scenes", scenes);
    List<Map<String, Object>> ps = new ArrayList<>();
    for (PlannedPoint p : points) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", p.point().name());
      one.put("line", p.point().line());
      one.put("overrides", p.point().overrides());
      one.put("run_id", p.ctx().runId());
      one.put("config_hash", p.point().config().hash());
      one.put("stage_hashes", p.hashes());
      one.put("table_folders", p.ctx().store().folders());
      ps.add(one);
    }
    m.put("points", ps);
    String dir = "_gags/sweeps/" + base.runId();
    base.store().writeText(dir + "/grid.properties", grid.text());
    base.store().writeText(dir + "/manifest.json", TableStore.toJson(m) + "\n");
  }
}
