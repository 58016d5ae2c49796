package org.gags.distill;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each view's three CLIP tables (levels s, m, l; rows in segment order), gathered from embedding
 * rows in any order. A level's segment ids must run 0..K−1 without a gap: every kept segment has
 * its embedding.
 */
public final class ClipTables {
  /** Level names in table order. */
  public static final String LEVELS = "sml";

  private final String scene;
  private final int clipDim;
  private final Map<Integer, Map<Integer, TreeMap<Integer, float[]>>> rows = new HashMap<>();

  public ClipTables(String scene, int clipDim) {
    this.scene = scene;
    this.clipDim = clipDim;
  }

  /** Adds one segment's embedding (level {@code s}, {@code m} or {@code l}). */
  public void add(int view, String level, int segmentId, float[] embedding) {
    int l = level.length() == 1 ? LEVELS.indexOf(level.charAt(0)) : -1;
    if (l < 0) {
      throw new IllegalArgumentException("embeddings of scene " + scene + " view " + view
          + ": expected level s, m or l, found " + level);
    }
    if (embedding.length != clipDim) {
      throw new IllegalArgumentException("embeddings of scene " + scene + " view " + view + ": expected " + clipDim
          + " floats per embedding (the CLIP spec's size), found " + embedding.length);
    }
    rows.computeIfAbsent(view, v -> new HashMap<>()).computeIfAbsent(l, k -> new TreeMap<>()).put(segmentId, embedding);
  }

  /** The view's tables, K_x × clipDim floats per level (empty for a level without segments). */
  public float[][] forView(int view) {
    Map<Integer, TreeMap<Integer, float[]>> levels = rows.getOrDefault(view, Map.of());
    float[][] out = new float[3][];
    for (int l = 0; l < 3; l++) {
      TreeMap<Integer, float[]> seg = levels.getOrDefault(l, new TreeMap<>());
      float[] t = new float[seg.size() * clipDim];
      int k = 0;
      for (Map.Entry<Integer, float[]> e : seg.entrySet()) {
        if (e.getKey() != k) {
          throw new IllegalArgumentException("embeddings of scene " + scene + " view " + view + " level "
              + LEVELS.charAt(l) + ": expected segment " + k + ", found " + e.getKey() + " (a segment without an embedding)");
        }
        System.arraycopy(e.getValue(), 0, t, k * clipDim, clipDim);
        k++;
      }
      out[l] = t;
    }
    return out;
  }
}
