package org.gags.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text side of a query run: one unit embedding per category (the query text as the label files
 * write it) and the embeddings of {@link Relevancy#CANONICAL_PHRASES}, all of one width. Made
 * once per run (see {@code org.gags.model.clip.TextQueries}); arrays are copied in and out.
 */
public record QueryEmbeddings(Map<String, float[]> queries, float[][] canonical) {
  public QueryEmbeddings {
    if (canonical.length != Relevancy.CANONICAL_PHRASES.size()) {
      throw new IllegalArgumentException("canonical embeddings: expected " + Relevancy.CANONICAL_PHRASES.size()
          + " (" + Relevancy.CANONICAL_PHRASES + "), found " + canonical.length);
    }
    int dim = canonical[0].length;
    Map<String, float[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : queries.entrySet()) {
      if (e.getValue().length != dim) {
        throw new IllegalArgumentException("query embedding '" + e.getKey() + "': expected " + dim
            + " floats (the canonical embeddings' width), found " + e.getValue().length);
      }
      copy.put(e.getKey(), e.getValue().clone());
    }
    float[][] c = new float[canonical.length][];
    for (int i = 0; i < canonical.length; i++) {
      if (canonical[i].length != dim) {
        throw new IllegalArgumentException("canonical embedding '" + Relevancy.CANONICAL_PHRASES.get(i)
            + "': expected " + dim + " floats, found " + canonical[i].length);
      }
      c[i] = canonical[i].clone();
    }
    queries = java.util.Collections.unmodifiableMap(copy);
    canonical = c;
  }

  /** The embeddings' width. */
  public int dim() {
    return canonical[0].length;
  }

  /** The categories embedded, in the order given. */
  public List<String> categories() {
    return List.copyOf(queries.keySet());
  }

  /** A copy of the embedding of {@code category}, or null when it was not embedded. */
  public float[] query(String category) {
    float[] q = queries.get(category);
    return q == null ? null : q.clone();
  }

  @Override
  public Map<String, float[]> queries() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    queries.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  @Override
  public float[][] canonical() {
    float[][] c = new float[canonical.length][];
    for (int i = 0; i < canonical.length; i++) {
      c[i] = canonical[i].clone();
    }
    return c;
  }
}
