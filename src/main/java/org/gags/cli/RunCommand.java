package org.gags.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ConfigException;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.config.SparkSettings;
import org.gags.spark.SceneStaging;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.Pipeline;
import org.gags.spark.pipeline.RunContext;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneInputs;
import org.gags.spark.pipeline.SceneRef;
import org.gags.spark.pipeline.Stages;
import org.gags.store.TableStore;
import org.gags.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags run}: the pipeline over many scenes, as Parquet tables under one output root. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline stages over scenes, writing Parquet tables under --out.",
      "Stages: ${gags.stages}. A stage already done for a scene under the same "
          + "config is skipped (use --force to redo it); a scene that fails is recorded in the "
          + "failures table and the others go on; the exit code is 1 when any scene failed. Under "
          + "spark-submit the cluster's master is used, otherwise an embedded Spark (config "
          + "run.local_master, default local[*])."
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scenes", required = true, arity = "1..*",
      description = "Scene folders, folders of scenes, or text files listing scene folders: local paths or any Hadoop URI.")
  List<String> scenes;

  @Option(names = "--out", required = true, description = "Output root: a local path or any Hadoop URI (hdfs://, s3a://).")
  String out;

  @Option(names = "--preset", defaultValue = "gags",
      description = "Named configuration: ${gags.presets} (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--conf", description = "Properties file (key = value) applied over the preset; see conf/gags.properties.")
  Path conf;

  @Option(names = "--set", description = "key=value override, applied last; repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--stages", split = ",", description = "Stages to run (default: all). Incomplete upstream stages run too.")
  List<String> stages;

  @Option(names = "--force", description = "Recompute the selected stages even when their output is up to date.")
  boolean force;

  @CommandLine.Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() {
    ResolvedConfig config;
    try {
      config = ResolvedConfig.resolve(Preset.byId(preset), conf, sets);
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    SparkSettings sparkSettings = sparkConf.settings(config);
    List<String> selected;
    try {
      selected = List.copyOf(Stages.parse(stages == null ? Stages.names() : stages));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String runId = RunIds.next();
    SparkSession spark = SparkSessions.getOrCreate("gags run " + runId, config.get("run.local_master"), Map.of(),
        sparkSettings);
    try {
      List<SceneRef> refs;
      try {
        refs = SceneInputs.resolve(scenes, SceneStaging.fsSettings(spark.sparkContext().hadoopConfiguration()));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      TableStore store = new TableStore(out, spark.sparkContext().hadoopConfiguration());
      Map<String, Object> origin = new LinkedHashMap<>();
      origin.put("command", "run");
      origin.put("preset", preset);
      origin.put("conf_file", conf == null ? null : conf.toAbsolutePath().toString());
      origin.putAll(sparkConf.origin(sets, sparkSettings));
      RunContext ctx = new RunContext(spark, store, config, runId, Version.current(), origin);
      Pipeline pipeline = new Pipeline(ctx);
      try {
        pipeline.checkReady(new LinkedHashSet<>(selected));
      } catch (ConfigException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      System.out.printf("run %s: %d scene(s), stages %s, output %s, Spark %s%n", runId, refs.size(),
          String.join(",", selected), out, spark.sparkContext().master());
      RunReport report = pipeline.run(refs, new LinkedHashSet<>(selected), force);
      for (RunReport.SceneResult r : report.scenes()) {
        System.out.printf("  %-24s %s%n", r.scene().id(), r.failed()
            ? "FAILED in " + r.failedStage() + ": " + r.error()
            : "computed " + (r.computed().isEmpty() ? "nothing" : String.join(",", r.computed()))
                + (r.skipped().isEmpty() ? "" : "; up to date: " + String.join(",", r.skipped())));
      }
      if (!report.failures().isEmpty()) {
        System.err.println("gags run: " + report.failures().size() + " of " + refs.size() + " scene(s) failed: "
            + String.join(", ", report.failures().stream().map(f -> f.scene().id()).toList())
            + " (see " + out + "/failures/run_id=" + runId + ")");
        return 1;
      }
      return 0;
    } finally {
      if (SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
  }
}
