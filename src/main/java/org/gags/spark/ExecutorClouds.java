package org.gags.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;

/**
 * Per-JVM cache of Gaussian clouds, so that an executor reads a scene's PLY once and shares it
 * between all its tasks and threads, rather than once per task. Keeps the most recently used
 * {@link #CAPACITY} clouds (a task batch usually works on one scene at a time).
 */
public final class ExecutorClouds {
  static final int CAPACITY = 2;
  private static final Map<String, GaussianCloud> CACHE = new LinkedHashMap<>(4, 0.75f, true);
  private static long reads;

  private ExecutorClouds() {}

  public static GaussianCloud get(String plyPath) {
    return get(plyPath, Map.of());
  }

  /** The cloud of a PLY at a local path or any Hadoop URI (staged locally once, see {@link SceneStaging}). */
  public static synchronized GaussianCloud get(String plyPath, Map<String, String> fsSettings) {
    GaussianCloud c = CACHE.get(plyPath);
    if (c == null) {
      c = PlyReader.read(SceneStaging.local(plyPath, fsSettings));
      reads++;
      CACHE.put(plyPath, c);
      while (CACHE.size() > CAPACITY) {
        CACHE.remove(CACHE.keySet().iterator().next());
      }
    }
    return c;
  }

  /** How many PLY files this JVM has read (for tests and logs). */
  public static synchronized long reads() {
    return reads;
  }
}
