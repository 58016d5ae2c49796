package org.gags.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ConfigException;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.config.SweepGrid;
import org.gags.eval.SweepTable;
import org.gags.spark.SceneStaging;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneInputs;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.sweep.Sweep;
import org.gags.store.TableStore;
import org.gags.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags sweep}: a grid of config overrides over the same scenes, shared stages computed once. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every point of a grid of config overrides over the scenes into one output root, and compares them.",
      "The grid file has one point per line: a name, then key=value overrides separated by spaces (applied after "
          + "--preset, --conf and --set); '#' starts a comment. Every point is checked before anything is written. A "
          + "stage whose config hash (upstream included) several points share is computed once: each stage's tables "
          + "live under OUT/stages/<stage>/<hash>/ (docs/tables.md). Writes the sweep_metrics table (one row per point "
          + "and scene) and a report, OUT/reports/sweep-<id>.html and .csv, and prints the points side by side. Started "
          + "again, a sweep skips the points and stages already done. Exit code 1 when a (point, scene) failed."
    })
final class SweepCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--grid", required = true, description = "Grid file: one point per line, NAME key=value ...")
  Path grid;

  @Option(names = "--scenes", required = true, arity = "1..*",
      description = "Scene folders, folders of scenes, or text files listing scene folders: local paths or any Hadoop URI.")
  List<String> scenes;

  @Option(names = "--out", required = true, description = "Output root: a local path or any Hadoop URI (hdfs://, s3a://).")
  String out;

  @Option(names = "--preset", defaultValue = "gags",
      description = "Named configuration under every point: ${gags.presets} (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--conf", description = "Properties file (key = value) applied over the preset; see conf/gags.properties.")
  Path conf;

  @Option(names = "--set", description = "key=value override for every point, before the point's own; repeatable.")
  List<String> sets = new ArrayList<>();

  @CommandLine.Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() {
    ResolvedConfig config;
    SweepGrid points;
    try {
      Preset chosen = Preset.byId(preset);
      config = ResolvedConfig.resolve(chosen, conf, sets);
      points = SweepGrid.read(grid, chosen, conf, sets);
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String sweepId = RunIds.next();
    // A session this command did not start (a caller's, in the same JVM) is left running.
    boolean started = SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
    org.gags.config.SparkSettings sparkSettings = sparkConf.settings(config);
    SparkSession spark = SparkSessions.getOrCreate("gags sweep " + sweepId, config.get("run.local_master"),
        Map.of(), sparkSettings);
    try {
      List<SceneRef> refs;
      Sweep sweep;
      TableStore store = new TableStore(out, spark.sparkContext().hadoopConfiguration());
      Map<String, Object> origin = new LinkedHashMap<>();
      origin.put("command", "sweep");
      origin.put("preset", preset);
      origin.put("conf_file", conf == null ? null : conf.toAbsolutePath().toString());
      origin.putAll(sparkConf.origin(sets, sparkSettings));
      try {
        refs = SceneInputs.resolve(scenes, SceneStaging.fsSettings(spark.sparkContext().hadoopConfiguration()));
        sweep = Sweep.plan(new RunContext(spark, store, config, sweepId, Version.current(), origin), points);
      } catch (IllegalArgumentException | ConfigException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      System.out.printf("sweep %s: %d point(s) of %s over %d scene(s), output %s, Spark %s%n", sweepId,
          points.points().size(), grid, refs.size(), out, spark.sparkContext().master());
      Sweep.Outcome outcome = sweep.run(refs);
      for (Sweep.PointOutcome p : outcome.points()) {
        printPoint(p);
      }
      System.out.print(SweepTable.text(outcome.summary()));
      System.out.printf("report: %s (CSV: %s); table: %s/sweep_metrics%n", outcome.html(), outcome.csv(), out);
      if (!outcome.failures().isEmpty()) {
        List<String> pairs = outcome.failures().stream().map(f -> f.point() + "/" + f.scene()).toList();
        System.err.println("gags sweep: " + pairs.size() + " (point, scene) pair(s) failed: " + String.join(", ", pairs)
            + " (see " + out + "/failures/run_id=" + sweepId + "-<point>)");
        return 1;
      }
      return 0;
    } finally {
      if (started && SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
  }

  private static void printPoint(Sweep.PointOutcome p) {
    if (p.upToDate()) {
      System.out.printf("  %-20s up to date, skipped%n", p.point());
      return;
    }
    for (RunReport.SceneResult r : p.report().scenes()) {
      System.out.printf("  %-20s %-20s %s%n", p.point(), r.scene().id(), r.failed()
          ? "FAILED in " + r.failedStage() + ": " + r.error()
          : "computed " + (r.computed().isEmpty() ? "nothing" : String.join(",", r.computed()))
              + (r.skipped().isEmpty() ? "" : "; shared or done before: " + String.join(",", r.skipped())));
    }
  }
}
