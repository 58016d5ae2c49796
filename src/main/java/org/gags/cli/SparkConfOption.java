package org.gags.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gags.config.ConfigException;
import org.gags.config.ResolvedConfig;
import org.gags.config.SparkSettings;
import org.gags.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --spark-conf KEY=VALUE} option of the commands that start a Spark session (a picocli
 * mixin: {@code @Mixin SparkConfOption sparkConf;}). Such a command resolves its config, takes
 * {@code settings(config)} before it makes anything (a bad entry is refused there), starts its
 * session with {@code SparkSessions.getOrCreate(name, config.get("run.local_master"), Map.of(),
 * settings)} and records {@code origin(sets, settings)} in its run manifest. A
 * command's Spark settings are, later winning: the {@code spark.*} and {@code fs.*} keys of its
 * {@code --conf} file, those of its {@code --set}, then {@code --spark-conf}. Under spark-submit
 * the submitted settings win over all of these (see {@link SparkSessions}).
 */
final class SparkConfOption {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "Spark setting for the embedded session, as spark-submit's --conf takes it; repeatable. Examples: "
          + "spark.sql.shuffle.partitions=4, spark.hadoop.fs.s3a.endpoint=URL. spark.* and fs.* keys in --conf files "
          + "and --set go there too. Secrets are redacted in everything gags writes or prints.")
  List<String> entries = new ArrayList<>();

  /**
   * The command's Spark settings; their secrets are remembered so that error messages scrub them.
   *
   * @throws CommandLine.ParameterException for a malformed {@code --spark-conf} entry
   */
  SparkSettings settings(ResolvedConfig config) {
    SparkSettings s;
    try {
      s = config.sparkSettings().with(SparkSettings.parse(entries, "--spark-conf"));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
    }
    s.redaction().remember(s.values());
    return s;
  }

  /**
   * How a run's manifest records where its settings came from, secrets redacted: the {@code --set}
   * and {@code --spark-conf} entries as given, and the Spark settings that resulted.
   */
  Map<String, Object> origin(List<String> sets, SparkSettings settings) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("sets", settings.redaction().entries(sets));
    m.put("spark_conf", settings.redaction().entries(entries));
    m.put("spark_settings", settings.redacted());
    return m;
  }
}
