package org.gags.spark.pipeline;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.store.TableStore;

/**
 * What every stage of a run shares: Spark, the output tables, the configuration, the run's id,
 * and where the configuration came from ({@code origin}: preset, files, overrides, the command),
 * which the run's manifest records.
 */
public record RunContext(SparkSession spark, TableStore store, ResolvedConfig config, String runId, String gagsVersion,
    Map<String, Object> origin) {

  public RunContext(SparkSession spark, TableStore store, ResolvedConfig config, String runId, String gagsVersion) {
    this(spark, store, config, runId, gagsVersion, Map.of());
  }
}
