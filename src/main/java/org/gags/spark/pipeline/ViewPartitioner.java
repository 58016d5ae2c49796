package org.gags.spark.pipeline;

import java.util.Arrays;
import org.apache.spark.Partitioner;

/**
 * Views of a batch of scenes to tasks: each scene's views 0..n-1 in groups of
 * {@code viewsPerTask}, scene after scene, so a task holds views of one scene only, the split is
 * the same in every run, and every input table of a view lands in the same task.
 */
final class ViewPartitioner extends Partitioner {
  private final int[] first;
  private final int[] tasks;
  private final int viewsPerTask;

  /** @param views the views of each scene of the batch, in batch order */
  ViewPartitioner(int[] views, int viewsPerTask) {
    this.viewsPerTask = viewsPerTask;
    this.tasks = new int[views.length];
    this.first = new int[views.length];
    int next = 0;
    for (int s = 0; s < views.length; s++) {
      tasks[s] = Tasks.count(views[s], viewsPerTask);
      first[s] = next;
      next += tasks[s];
    }
  }

  @Override
  public int numPartitions() {
    return tasks.length == 0 ? 1 : first[tasks.length - 1] + tasks[tasks.length - 1];
  }

  @Override
  public int getPartition(Object key) {
    SceneViewKey k = (SceneViewKey) key;
    return first[k.scene()] + Math.min(k.view() / viewsPerTask, tasks[k.scene()] - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewPartitioner p && Arrays.equals(p.tasks, tasks) && p.viewsPerTask == viewsPerTask;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(tasks) + viewsPerTask;
  }
}
