package org.gags.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;

/**
 * Per-JVM cache of Gaussian clouds, so that an executor reads a scene's PLY once and shares it
 * between all its tasks and threads, rather than once per task. Keeps the most recently used
 * clouds while they fit in a quarter of the heap, and at least {@link #CAPACITY} of them (with
 * several scenes in flight, an executor's tasks alternate between their clouds).
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
      long budget = Runtime.getRuntime().maxMemory() / 4;
      while (CACHE.size() > CAPACITY && bytes() > budget) {
        CACHE.remove(CACHE.keySet().iterator().next());
      }
    }
    return c;
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
