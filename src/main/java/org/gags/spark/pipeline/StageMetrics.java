package org.gags.spark.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last task-time split each model stage measured in this driver JVM, per scene and stage
 * (read by the benchmarks; the same numbers are logged when the stage ends).
 */
public final class StageMetrics {
  private static final Map<String, Map<String, Double>> LAST = new ConcurrentHashMap<>();

  private StageMetrics() {}

  static void put(String scene, String stage, Map<String, Double> seconds) {
    LAST.put(scene + "/" + stage, Map.copyOf(seconds));
  }

  /** Seconds of task time per part ("encoder", "decoder", ...), or an empty map. */
  public static Map<String, Double> last(String scene, String stage) {
    return LAST.getOrDefault(scene + "/" + stage, Map.of());
  }
}
