package org.gags.spark.pipeline;

import java.io.Serializable;

/** A view of the {@code scene}-th scene of a batch: the shuffle key of the stage frame, ordered by scene then view. */
record SceneViewKey(int scene, int view) implements Comparable<SceneViewKey>, Serializable {
  @Override
  public int compareTo(SceneViewKey o) {
    return scene != o.scene ? Integer.compare(scene, o.scene) : Integer.compare(view, o.view);
  }
}
