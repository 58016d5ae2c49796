package org.gags.eval;

/**
 * The slow twin of {@link Relevancy#maps}, written as the reference reads: per pixel and query,
 * every canonical phrase's pair softmax {@code exp(10 φ·q) / (exp(10 φ·q) + exp(10 φ·c))}
 * (max-subtracted as torch does), then the minimum over the phrases, all in double.
 */
public final class RelevancyReference {
  private RelevancyReference() {}

  public static double[][] maps(float[] features, int pixels, int dim, float[][] queries, float[][] canonical) {
    Relevancy.requireShapes(features, pixels, dim, queries, canonical);
    double[][] out = new double[queries.length][pixels];
    for (int q = 0; q < queries.length; q++) {
      for (int p = 0; p < pixels; p++) {
        double x = 10 * dot(features, p * dim, queries[q]);
        double min = Double.POSITIVE_INFINITY;
        for (float[] c : canonical) {
          double y = 10 * dot(features, p * dim, c);
          double m = Math.max(x, y);
          double prob = Math.exp(x - m) / (Math.exp(x - m) + Math.exp(y - m));
          min = Math.min(min, prob);
        }
        out[q][p] = min;
      }
    }
    return out;
  }

  private static double dot(float[] a, int offset, float[] b) {
    double s = 0;
    for (int k = 0; k < b.length; k++) {
      s += (double) a[offset + k] * b[k];
    }
    return s;
  }
}
