package org.gags.spark.pipeline;

import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * The executor side of a {@link ViewStage} for one scene: prepared on the driver (so it carries
 * only serializable settings), shipped with each task, it opens a per-task resource once (a model
 * session, a cloud), turns each view's input rows into output rows, and closes the resource when
 * the task ends, also when it fails.
 *
 * @param <R> the per-task resource; {@link Void} when there is none
 */
public interface ViewTask<R> extends Serializable {
  /** Opened on the executor before the task's first view (not at all for a task without views). */
  R open() throws Exception;

  /** Emits the output rows of one view, in the output table's schema. */
  void view(R resource, ViewInput in, Consumer<Row> out) throws Exception;

  /** Closes the resource; by default closes it when it is {@link AutoCloseable}. */
  default void close(R resource) throws Exception {
    if (resource instanceof AutoCloseable c) {
      c.close();
    }
  }

  /** Runs on the driver after the commit (the model stages log their task-time split here). */
  default void finished(SceneRef scene) {}
}
