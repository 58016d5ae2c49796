package org.gags.spark.pipeline;

import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.store.TableStore;

/** What every stage of a run shares: Spark, the output tables, the configuration and the run's id. */
public record RunContext(SparkSession spark, TableStore store, ResolvedConfig config, String runId, String gagsVersion) {}
