package org.gags.spark.pipeline;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gags.store.CommitMarker;
import org.gags.store.TableDef;

/** Writes a stage's table for one scene with a marker that says how it was made. */
final class Commits {
  private Commits() {}

  static void write(RunContext ctx, Stage stage, TableDef table, SceneRef scene, String hash, Dataset<Row> rows) {
    CommitMarker marker = new CommitMarker(table.name(), table.version(), scene.id(), stage.name(), hash,
        ctx.config().forStage(stage.name()), ctx.runId(), ctx.gagsVersion(), Instant.now().toString(), -1);
    ctx.store().write(rows, table, scene.id(), table.columns().get(0).name(), marker);
  }

  /**
   * Writes sorted by {@code orderBy}, with {@code modelId} recorded in the marker's config (key
   * {@code model.id}) and as Parquet column metadata {@code gags.model} on {@code modelColumn}.
   */
  static void write(RunContext ctx, Stage stage, TableDef table, SceneRef scene, String hash, Dataset<Row> rows,
      List<String> orderBy, String modelColumn, String modelId) {
    java.util.Map<String, String> config = new java.util.TreeMap<>(ctx.config().forStage(stage.name()));
    config.put("model.id", modelId);
    CommitMarker marker = new CommitMarker(table.name(), table.version(), scene.id(), stage.name(), hash,
        config, ctx.runId(), ctx.gagsVersion(), Instant.now().toString(), -1);
    org.apache.spark.sql.types.Metadata meta = new org.apache.spark.sql.types.MetadataBuilder()
        .putString("gags.model", modelId).build();
    ctx.store().write(rows.withMetadata(modelColumn, meta), table, scene.id(), orderBy, marker);
  }

  static Dataset<Row> frame(RunContext ctx, TableDef table, List<Row> rows) {
    return ctx.spark().createDataFrame(rows, table.schema());
  }
}
