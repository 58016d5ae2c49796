package org.gags.store;

import java.util.Map;

/**
 * What {@code _gags_commit.json} records beside a committed partition: the table and its schema
 * version, the stage and its config hash, the config values that stage depends on, the run, the
 * gags version, when and how many rows.
 */
public record CommitMarker(
    String table,
    int tableVersion,
    String partition,
    String stage,
    String configHash,
    Map<String, String> config,
    String runId,
    String gagsVersion,
    String committedAt,
    long rows) {

  public CommitMarker withRows(long n) {
    return new CommitMarker(table, tableVersion, partition, stage, configHash, config, runId, gagsVersion, committedAt, n);
  }
}
