package org.gags.spark.pipeline;

import java.util.List;
import org.gags.store.TableDef;

/** One pipeline stage: which stages it reads, which tables it writes, and how it makes them for one scene. */
public interface Stage {
  String name();

  List<String> upstream();

  List<TableDef> outputs();

  /** Makes and commits this stage's tables for {@code scene}, marked with {@code configHash}. */
  void run(RunContext ctx, SceneRef scene, String configHash) throws Exception;
}
