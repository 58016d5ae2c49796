package org.gags.spark.pipeline;

import java.util.List;

/** What a run did: per scene and stage, computed, skipped (already complete) or failed. */
public record RunReport(String runId, List<SceneResult> scenes) {
  /** One scene's outcome. */
  public record SceneResult(
      SceneRef scene, List<String> computed, List<String> skipped, String failedStage, String error,
      java.util.Map<String, Double> seconds) {
    public boolean failed() {
      return failedStage != null;
    }
  }

  public List<SceneResult> failures() {
    return scenes.stream().filter(SceneResult::failed).toList();
  }
}
