package org.gags.eval;

import java.util.List;

/** One scene's scored (frame, category) pairs and the labelled pairs that could not be scored. */
public record SceneScores(String scene, List<PairScore> scores, List<String> missing) {
  public SceneScores {
    if (scene == null || scene.isBlank()) {
      throw new IllegalArgumentException("scene scores: expected a scene name, found '" + scene + "'");
    }
    scores = List.copyOf(scores);
    missing = List.copyOf(missing);
  }

  public Metrics metrics() {
    return Metrics.of(scores);
  }
}
