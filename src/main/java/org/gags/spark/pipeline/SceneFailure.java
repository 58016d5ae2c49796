package org.gags.spark.pipeline;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import org.gags.scene.SceneFormatException;

/**
 * Why one scene failed in a stage: the one-line error (for bad input, the format error that names
 * the file and field) and, for anything else, the stack trace to log. Serializable, so an executor
 * can report a scene's failure as data while the other scenes of its job go on.
 */
public record SceneFailure(String sceneId, String error, boolean badInput, String trace) implements Serializable {

  public static SceneFailure of(String sceneId, Throwable e) {
    Throwable bad = badInput(e);
    String error = (bad != null ? bad.getClass().getSimpleName() + ": " + bad.getMessage()
        : e.getClass().getSimpleName() + ": " + rootMessage(e)).lines().findFirst().orElse("");
    String trace = "";
    if (bad == null) {
      StringWriter w = new StringWriter();
      e.printStackTrace(new PrintWriter(w));
      trace = w.toString();
    }
    // The error goes to the log, the failures table and the console: no secret may ride along.
    org.gags.config.Redaction redaction = org.gags.config.Redaction.standard();
    return new SceneFailure(sceneId, redaction.text(error), bad != null, redaction.text(trace));
  }

  /** The bad-input error in a cause chain (also when a Spark job wraps it), or null. */
  static Throwable badInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SceneFormatException) {
        return t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t instanceof org.apache.spark.SparkException)) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (t != e && t.getClass() != e.getClass()) {
      m = t.getClass().getSimpleName() + ": " + m;
    }
    return m == null ? t.getClass().getName() : m;
  }
}
