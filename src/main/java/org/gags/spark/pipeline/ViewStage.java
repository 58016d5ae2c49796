package org.gags.spark.pipeline;

import java.util.List;
import org.gags.store.TableDef;

/**
 * A stage that makes one output table view by view on executors. It declares its input tables
 * (read whole and grouped per view), its output and the config key of its views per task, and
 * prepares a {@link ViewTask} per scene; the {@link ViewFrame} does the rest for a batch of
 * scenes at once: reading, partitioning, progress, timings, per-scene failures and the commits.
 *
 * @param <R> the per-task resource of its {@link ViewTask}
 */
public interface ViewStage<R> extends Stage {
  /** Tables read for each view (every one has {@code view_index}); the first has one row per view. */
  List<TableDef> inputs();

  /** The table its views' rows go to. */
  TableDef output();

  /** Columns the committed file is sorted by (the output's key). */
  default List<String> orderBy() {
    return List.of(output().columns().get(0).name());
  }

  /** The config key that sets how many views one Spark task takes. */
  default String viewsPerTaskKey() {
    return "depth.views_per_task";
  }

  /** The column that carries the model spec id as Parquet metadata, when {@link #models()} is not empty. */
  default String modelColumn() {
    return output().columns().get(output().columns().size() - 1).name();
  }

  @Override
  default String modelColumn(TableDef table) {
    return modelColumn();
  }

  /** On the driver: the executor-side work for one scene (an exception fails that scene alone). */
  ViewTask<R> prepare(RunContext ctx, SceneTables.SceneInfo scene) throws Exception;

  @Override
  default List<TableDef> outputs() {
    return List.of(output());
  }

  @Override
  default List<SceneFailure> run(RunContext ctx, List<SceneRef> scenes, String configHash) {
    return ViewFrame.run(this, ctx, scenes, configHash);
  }
}
