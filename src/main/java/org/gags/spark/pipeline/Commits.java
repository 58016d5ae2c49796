package org.gags.spark.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.gags.store.CommitMarker;
import org.gags.store.TableDef;

/**
 * Writes a stage's table for a batch of scenes, each scene's partition with a marker that says
 * how it was made: the stage's config values and, for a stage that runs models, their spec id
 * (marker key {@code model.id}, and Parquet column metadata {@code gags.model} on the stage's
 * model column).
 */
final class Commits {
  private Commits() {}

  /**
   * @param rows the table's columns plus the scene id, last
   * @param committed once the rows are written: the scenes to commit (the others failed)
   */
  static void writeScenes(RunContext ctx, Stage stage, String hash, TableDef table, JavaRDD<Row> rows,
      List<String> orderBy, List<String> scenes, Supplier<List<String>> committed) {
    StructType schema = table.schema().add(table.partitionColumn(), DataTypes.StringType, false);
    Dataset<Row> df = ctx.spark().createDataFrame(rows, schema);
    Map<String, String> config = new TreeMap<>(ctx.config().forStage(stage.name()));
    String modelId = ModelStages.id(stage, ctx);
    if (modelId != null) {
      config.put(ModelStages.MARKER_KEY, modelId);
      Metadata meta = new MetadataBuilder().putString(ModelStages.METADATA_KEY, modelId).build();
      df = df.withMetadata(stage.modelColumn(table), meta);
    }
    ctx.store().writeScenes(df, table, orderBy, scenes.size(), () -> {
      Map<String, CommitMarker> markers = new LinkedHashMap<>();
      String now = Instant.now().toString();
      for (String id : committed.get()) {
        markers.put(id, new CommitMarker(table.name(), table.version(), id, stage.name(), hash,
            config, ctx.runId(), ctx.gagsVersion(), now, -1));
      }
      return markers;
    });
  }

  /** As above, for rows made on the driver (each with its scene id last); every scene in {@code scenes} is committed. */
  static void writeScenes(RunContext ctx, Stage stage, String hash, TableDef table, List<Row> rows,
      List<String> scenes) {
    JavaRDD<Row> rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(ctx.spark().sparkContext())
        .parallelize(rows, 1);
    writeScenes(ctx, stage, hash, table, rdd, List.of(table.columns().get(0).name()), scenes, () -> scenes);
  }
}
