package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.gags.store.CommitMarker;
import org.gags.store.TableDef;

/**
 * What every stage that runs models shares: their spec ids join the stage's hash, the run is
 * refused before anything starts when a model is not configured, the ids are recorded on the
 * output ({@link Commits}), and a stage can refuse an upstream table made by another model.
 */
public final class ModelStages {
  /** Commit-marker config key of the spec id. */
  public static final String MARKER_KEY = "model.id";
  /** Parquet (Spark) column metadata key of the spec id. */
  public static final String METADATA_KEY = "gags.model";

  private ModelStages() {}

  /** The hash inputs of a stage's models: {@code model=<id>} (or {@code model=unset}) per model. */
  static List<String> hashInputs(Stage stage, RunContext ctx) {
    List<String> out = new ArrayList<>();
    for (StageModel<?> m : stage.models()) {
      String id = m.id(ctx.config(), SceneTables.fsSettings(ctx));
      out.add("model=" + (id == null ? "unset" : id));
    }
    return out;
  }

  /** Fails with the missing setting named when a model of the stage is not configured. */
  static void checkReady(Stage stage, RunContext ctx) {
    for (StageModel<?> m : stage.models()) {
      m.spec(ctx.config());
    }
  }

  /** The stage's model spec ids joined with " + ", or null for a stage without models. */
  static String id(Stage stage, RunContext ctx) {
    if (stage.models().isEmpty()) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    for (StageModel<?> m : stage.models()) {
      ids.add(m.id(ctx.config(), SceneTables.fsSettings(ctx)));
    }
    return String.join(" + ", ids);
  }

  /**
   * Refuses to go on when the committed {@code table} of {@code scene} was not made by the model
   * {@code expectedId} (a stage never builds on another model's output).
   */
  public static void requireUpstreamModel(RunContext ctx, SceneRef scene, TableDef table, String expectedId) {
    CommitMarker marker = ctx.store().marker(table, scene.id());
    String made = marker == null ? null : marker.config().get(MARKER_KEY);
    if (made == null || !made.equals(expectedId)) {
      throw new IllegalStateException(table.name() + " of scene " + scene.id() + ": expected " + table.name()
          + " made by " + expectedId + " (this run's model), found "
          + (made == null ? "no committed " + table.name() : table.name() + " made by " + made)
          + "; run the stage that writes " + table.name() + " first");
    }
  }
}
