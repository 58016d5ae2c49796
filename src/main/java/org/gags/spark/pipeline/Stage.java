package org.gags.spark.pipeline;

import java.util.List;
import org.gags.config.ConfigKey;
import org.gags.config.ConfigKeys;
import org.gags.store.TableDef;

/**
 * One pipeline stage: its name, the stages it reads, the tables it writes, the config keys and
 * models that decide its output, and how it makes its tables for one scene. Most stages are
 * {@link ViewStage}s, whose plumbing the {@link ViewFrame} owns; every stage is listed once in
 * {@link Stages}.
 */
public interface Stage {
  String name();

  List<String> upstream();

  List<TableDef> outputs();

  /** The config keys whose values join this stage's hash (declared in {@link ConfigKeys} with this stage). */
  default List<String> configKeys() {
    return ConfigKeys.ALL.stream().filter(k -> name().equals(k.stage())).map(ConfigKey::name).toList();
  }

  /** The models this stage runs; their spec ids join its hash and are recorded on its output. */
  default List<StageModel<?>> models() {
    return List.of();
  }

  /** The column of {@code table} that carries the model spec id as Parquet metadata (its last by default). */
  default String modelColumn(TableDef table) {
    return table.columns().get(table.columns().size() - 1).name();
  }

  /**
   * Makes and commits this stage's tables for each of {@code scenes} (a batch processed together,
   * in one Spark job per step where the stage allows), marked with {@code configHash}.
   *
   * @return the scenes that failed, with why; every other scene of the batch is committed
   */
  List<SceneFailure> run(RunContext ctx, List<SceneRef> scenes, String configHash) throws Exception;
}
