package org.gags.spark.pipeline;

/** How many Spark tasks a list of views is split into. */
final class Tasks {
  private Tasks() {}

  static int count(int views, int viewsPerTask) {
    return Math.max(1, (views + viewsPerTask - 1) / viewsPerTask);
  }
}
