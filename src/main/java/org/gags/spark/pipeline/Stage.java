package org.gags.spark.pipeline;

import java.util.List;
import org.gags.store.TableDef;

/** One pipeline stage: which stages it reads, which tables it writes, and how it makes them for one scene. */
public interface Stage {
  String name();

  List<String> upstream();

  List<TableDef> outputs();

  /**
   * What else, beyond its config values and upstream hashes, decides this stage's output: for the
   * model stages, the model spec id (which includes each model file's sha256).
   */
  default List<String> hashInputs(RunContext ctx) {
    return List.of();
  }

  /**
   * Fails with a clear message, before any scene starts, when the run's configuration cannot
   * drive this stage (a model stage without model paths).
   */
  default void checkReady(RunContext ctx) {}

  /** Makes and commits this stage's tables for {@code scene}, marked with {@code configHash}. */
  void run(RunContext ctx, SceneRef scene, String configHash) throws Exception;
}
