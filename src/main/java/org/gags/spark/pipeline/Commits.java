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

  static Dataset<Row> frame(RunContext ctx, TableDef table, List<Row> rows) {
    return ctx.spark().createDataFrame(rows, table.schema());
  }
}
