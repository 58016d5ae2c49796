package org.gags.eval;

import java.util.List;

/**
 * Relevancy of text queries over a decoded feature map, as LERF and LangSplat's {@code
 * get_relevancy} compute it (METHOD.md section 4): for a pixel's unit feature φ and a query q,
 *
 * <pre>  r = min over canonical c of exp(10 φ·q) / (exp(10 φ·q) + exp(10 φ·c))</pre>
 *
 * with the canonical phrases {@link #CANONICAL_PHRASES}. The reference stacks the pair
 * {@code (φ·q, φ·c)} per canonical phrase, takes {@code torch.softmax(10 * sims)} over the pair,
 * picks the canonical phrase where the query's probability is smallest and returns that
 * probability.
 *
 * <p>Arithmetic, against the reference's float32 torch: dot products are accumulated in float32
 * in index order (torch's {@code mm} uses BLAS, whose summation order is its own, so the two agree
 * to a few ulps of the dot product, not bit for bit); {@code 10 * s} is a float32 product as in
 * the reference. The pair's softmax is evaluated as {@code 1 / (1 + exp(10 φ·c − 10 φ·q))}, the
 * same value as torch's max-subtracted {@code exp(x − m) / Σ exp(x_j − m)} in exact arithmetic and
 * equally free of overflow (the exponent is at most 20 for unit vectors, and {@code exp} of a
 * large negative difference underflows harmlessly to a probability of 1); the exponential is taken
 * in double and the quotient rounded once to float32, so it lies within an ulp or two of torch's
 * float32 result. As that probability falls monotonically in {@code φ·c}, the minimum over the
 * canonical phrases is the probability at their largest dot product: one exponential per pixel and
 * query, and the same value (bit for bit) as taking the minimum of the four.
 *
 * <p>{@link #maps} scores many queries in one pass over the pixels: each pixel's feature is read
 * once and dotted with every canonical and query embedding while it is in cache. {@link
 * RelevancyReference} is its slow twin in double.
 */
public final class Relevancy {
  /** LERF's negatives, in the reference's order. */
  public static final List<String> CANONICAL_PHRASES = List.of("object", "things", "stuff", "texture");

  /** The softmax temperature's inverse: the reference's {@code 10 * sims}. */
  public static final float SCALE = 10f;

  private Relevancy() {}

  /**
   * Relevancy maps of {@code queries} over {@code pixels} features of {@code dim} floats each,
   * stored row-major in {@code features} (pixel {@code p} at {@code p * dim}).
   *
   * @return {@code [query][pixel]} relevancies in [0, 1]
   * @throws IllegalArgumentException naming the array and the sizes expected and found, or the
   *     first non-finite feature value
   */
  public static float[][] maps(float[] features, int pixels, int dim, float[][] queries, float[][] canonical) {
    requireShapes(features, pixels, dim, queries, canonical);
    int nq = queries.length;
    int nc = canonical.length;
    float[][] out = new float[nq][pixels];
    float[] qScaled = new float[nq];
    for (int p = 0; p < pixels; p++) {
      int base = p * dim;
      float maxCanonical = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < nc; c++) {
        maxCanonical = Math.max(maxCanonical, dot(features, base, canonical[c], dim));
      }
      float cScaled = SCALE * maxCanonical;
      for (int q = 0; q < nq; q++) {
        qScaled[q] = SCALE * dot(features, base, queries[q], dim);
      }
      for (int q = 0; q < nq; q++) {
        out[q][p] = pairSoftmax(qScaled[q], cScaled);
      }
    }
    return out;
  }

  /** The query's probability in the softmax of the pair {@code (x, y)}: {@code 1 / (1 + exp(y − x))}. */
  static float pairSoftmax(float x, float y) {
    return (float) (1.0 / (1.0 + Math.exp((double) (y - x))));
  }

  /** Float32 dot product of {@code b} with {@code a[offset .. offset + dim)}, in index order. */
  static float dot(float[] a, int offset, float[] b, int dim) {
    float s = 0f;
    for (int k = 0; k < dim; k++) {
      s += a[offset + k] * b[k];
    }
    return s;
  }

  static void requireShapes(float[] features, int pixels, int dim, float[][] queries, float[][] canonical) {
    if (pixels <= 0 || dim <= 0) {
      throw new IllegalArgumentException("relevancy: expected pixels > 0 and dim > 0, found " + pixels + " and " + dim);
    }
    if ((long) pixels * dim != features.length) {
      throw new IllegalArgumentException("relevancy: features: expected " + pixels + " x " + dim + " = "
          + (long) pixels * dim + " floats, found " + features.length);
    }
    if (canonical.length == 0) {
      throw new IllegalArgumentException("relevancy: canonical embeddings: expected at least one, found none");
    }
    requireVectors("query embedding", queries, dim);
    requireVectors("canonical embedding", canonical, dim);
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("relevancy: features: expected finite values, found " + features[i]
            + " at pixel " + i / dim + ", component " + i % dim);
      }
    }
  }

  private static void requireVectors(String what, float[][] vectors, int dim) {
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null || vectors[i].length != dim) {
        throw new IllegalArgumentException("relevancy: " + what + " " + i + ": expected " + dim + " floats, found "
            + (vectors[i] == null ? "none" : vectors[i].length));
      }
      for (float v : vectors[i]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("relevancy: " + what + " " + i + ": expected finite values, found " + v);
        }
      }
    }
  }
}
