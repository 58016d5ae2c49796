package org.gags.spark;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;

/**
 * Per-JVM cache of Gaussian clouds, so that an executor reads a scene's PLY once and shares it
 * between all its tasks and threads, rather than once per task. Keeps the most recently used
 * clouds, at least {@link #CAPACITY} of them, while they fit in a quarter of the heap and are no
 * more than the scenes in flight: the most distinct clouds one Spark stage has asked this JVM for,
 * over its last {@link #STAGES_WATCHED} stages that asked. With several scenes in flight an
 * executor's tasks alternate between their clouds, so all of them stay; once the pipeline moves
 * on to the next batch of scenes, the clouds of the last one go, and the heap does not grow with
 * the number of scenes in a run.
 */
public final class ExecutorClouds {
  static final int CAPACITY = 2;
  static final int STAGES_WATCHED = 8;
  private static final Map<String, GaussianCloud> CACHE = new LinkedHashMap<>(4, 0.75f, true);
  /** Distinct PLYs asked for per recent Spark stage (keyed by the Spark environment and stage id). */
  private static final Map<String, Set<String>> BY_STAGE = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > STAGES_WATCHED;
    }
  };
  private static long reads;

  private ExecutorClouds() {}

  public static GaussianCloud get(String plyPath) {
    return get(plyPath, Map.of());
  }

  /** The cloud of a PLY at a local path or any Hadoop URI (staged locally once, see {@link SceneStaging}). */
  public static synchronized GaussianCloud get(String plyPath, Map<String, String> fsSettings) {
    BY_STAGE.computeIfAbsent(stageKey(), k -> new HashSet<>()).add(plyPath);
    GaussianCloud c = CACHE.get(plyPath);
    if (c == null) {
      c = PlyReader.read(SceneStaging.local(plyPath, fsSettings));
      reads++;
      CACHE.put(plyPath, c);
      long budget = Runtime.getRuntime().maxMemory() / 4;
      int inFlight = BY_STAGE.values().stream().mapToInt(Set::size).max().orElse(1);
      while (CACHE.size() > CAPACITY && (bytes() > budget || CACHE.size() > inFlight)) {
        CACHE.remove(CACHE.keySet().iterator().next());
      }
    }
    return c;
  }

  /** The calling task's Spark stage, told apart from an earlier Spark context's; "driver" outside tasks. */
  private static String stageKey() {
    TaskContext task = TaskContext.get();
    return task == null ? "driver" : System.identityHashCode(SparkEnv.get()) + "/" + task.stageId();
  }

  private static long bytes() {
    long b = 0;
    for (GaussianCloud c : CACHE.values()) {
      b += 4L * (length(c.positions()) + length(c.normals()) + length(c.shDc()) + length(c.shRest())
          + length(c.opacityLogits()) + length(c.logScales()) + length(c.rotations()));
      for (float[] e : c.extras().values()) {
        b += 4L * e.length;
      }
    }
    return b;
  }

  private static long length(float[] a) {
    return a == null ? 0 : a.length;
  }

  /** The float arrays of the clouds held now, in bytes (the load benchmark reports them). */
  public static synchronized long cachedBytes() {
    return bytes();
  }

  /** How many clouds are held now. */
  public static synchronized int cached() {
    return CACHE.size();
  }

  /** How many PLY files this JVM has read (for tests and logs). */
  public static synchronized long reads() {
    return reads;
  }
}
