package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RelevancyTest {
  static final int D = 512;

  static float[] unit(Random r, int dim) {
    float[] v = new float[dim];
    double ss = 0;
    for (int k = 0; k < dim; k++) {
      v[k] = (float) r.nextGaussian();
      ss += (double) v[k] * v[k];
    }
    float inv = (float) (1 / Math.sqrt(ss));
    for (int k = 0; k < dim; k++) {
      v[k] *= inv;
    }
    return v;
  }

  /** {@code pixels} unit features, each a mix of one of the queries and noise, so relevancies spread over (0, 1). */
  static float[] features(Random r, int pixels, float[][] queries) {
    float[] f = new float[pixels * D];
    for (int p = 0; p < pixels; p++) {
      float[] noise = unit(r, D);
      float[] q = queries[p % queries.length];
      double w = r.nextDouble();
      float[] v = new float[D];
      for (int k = 0; k < D; k++) {
        v[k] = (float) (w * q[k] + (1 - w) * noise[k]);
      }
      double ss = 0;
      for (float x : v) {
        ss += (double) x * x;
      }
      for (int k = 0; k < D; k++) {
        v[k] = (float) (v[k] / Math.sqrt(ss));
      }
      System.arraycopy(v, 0, f, p * D, D);
    }
    return f;
  }

  @Test
  void theFastPathMatchesItsDoubleTwinOnRandomUnitFeatures() {
    for (long seed : new long[] {1, 2, 3}) {
      Random r = new Random(seed);
      float[][] queries = {unit(r, D), unit(r, D), unit(r, D), unit(r, D), unit(r, D)};
      float[][] canonical = {unit(r, D), unit(r, D), unit(r, D), unit(r, D)};
      int pixels = 300;
      float[] f = features(r, pixels, queries);
      float[][] fast = Relevancy.maps(f, pixels, D, queries, canonical);
      double[][] slow = RelevancyReference.maps(f, pixels, D, queries, canonical);
      double worst = 0;
      double lo = 1;
      double hi = 0;
      for (int q = 0; q < queries.length; q++) {
        for (int p = 0; p < pixels; p++) {
          worst = Math.max(worst, Math.abs(fast[q][p] - slow[q][p]));
          lo = Math.min(lo, slow[q][p]);
          hi = Math.max(hi, slow[q][p]);
        }
      }
      assertTrue(worst < 2e-6, "seed " + seed + ": largest difference " + worst);
      assertTrue(lo < 0.3 && hi > 0.99, "the case spreads relevancies: " + lo + " .. " + hi);
    }
  }

  @Test
  void theMinimumOverCanonicalPhrasesIsBitForBitTheMinimumOfTheFourSoftmaxes() {
    Random r = new Random(7);
    float[][] queries = {unit(r, D), unit(r, D)};
    float[][] canonical = {unit(r, D), unit(r, D), unit(r, D), unit(r, D)};
    int pixels = 200;
    float[] f = features(r, pixels, queries);
    float[][] fast = Relevancy.maps(f, pixels, D, queries, canonical);
    for (int q = 0; q < queries.length; q++) {
      for (int p = 0; p < pixels; p++) {
        float x = Relevancy.SCALE * Relevancy.dot(f, p * D, queries[q], D);
        float min = Float.POSITIVE_INFINITY;
        for (float[] c : canonical) {
          min = Math.min(min, Relevancy.pairSoftmax(x, Relevancy.SCALE * Relevancy.dot(f, p * D, c, D)));
        }
        assertEquals(min, fast[q][p], 0f, "query " + q + ", pixel " + p);
      }
    }
  }

  @Test
  void handComputedCases() {
    // Features on axes: e0 is the query, e1..e4 the canonical phrases.
    int dim = 8;
    float[][] queries = {axis(dim, 0)};
    float[][] canonical = {axis(dim, 1), axis(dim, 2), axis(dim, 3), axis(dim, 4)};
    float s = (float) Math.sqrt(0.5);
    float[] f = concat(
        axis(dim, 0), // φ = q: 1 / (1 + e^-10)
        axis(dim, 5), // orthogonal to all: 0.5
        axis(dim, 2), // φ = c2: 1 / (1 + e^10)
        new float[] {s, 0, 0, s, 0, 0, 0, 0}); // φ·q = φ·c3: 0.5
    float[] v = Relevancy.maps(f, 4, dim, queries, canonical)[0];
    assertEquals(1 / (1 + Math.exp(-10)), v[0], 1e-7);
    assertEquals(0.5, v[1], 0);
    assertEquals(1 / (1 + Math.exp(10)), v[2], 1e-9);
    assertEquals(0.5, v[3], 1e-7);
  }

  @Test
  void theNearestCanonicalPhraseDecides() {
    int dim = 4;
    float[][] queries = {{1, 0, 0, 0}};
    // φ·q = 0.6; φ·c = 0.8 for the second phrase, 0 for the first: the second gives the minimum.
    float[][] canonical = {{0, 0, 1, 0}, {0, 1, 0, 0}};
    float[] v = Relevancy.maps(new float[] {0.6f, 0.8f, 0, 0}, 1, dim, queries, canonical)[0];
    assertEquals(1 / (1 + Math.exp(10 * (0.8 - 0.6))), v[0], 1e-6);
  }

  @Test
  void largeDotProductsStayFiniteWithoutNaN() {
    // Not unit features: differences of ±100 in the exponent (torch's max-subtracted form gives 1 and 0).
    float[][] queries = {{1, 0}};
    float[][] canonical = {{0, 1}};
    float[] v = Relevancy.maps(new float[] {100, 0, 0, 100}, 2, 2, queries, canonical)[0];
    assertEquals(1f, v[0]);
    assertEquals(0f, v[1]);
  }

  @Test
  void theCanonicalPhrasesAreLerfs() {
    assertEquals(List.of("object", "things", "stuff", "texture"), Relevancy.CANONICAL_PHRASES);
  }

  @Test
  void badShapesNameWhatWasExpected() {
    float[][] q = {{1, 0}};
    float[][] c = {{0, 1}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Relevancy.maps(new float[5], 3, 2, q, c));
    assertEquals("relevancy: features: expected 3 x 2 = 6 floats, found 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Relevancy.maps(new float[6], 3, 2, new float[][] {{1, 0, 0}}, c));
    assertEquals("relevancy: query embedding 0: expected 2 floats, found 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Relevancy.maps(new float[] {0, 0, Float.NaN, 0}, 2, 2, q, c));
    assertEquals("relevancy: features: expected finite values, found NaN at pixel 1, component 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Relevancy.maps(new float[2], 1, 2, q, new float[0][]));
    assertTrue(e.getMessage().contains("canonical embeddings"), e.getMessage());
  }

  static float[] axis(int dim, int k) {
    float[] v = new float[dim];
    v[k] = 1;
    return v;
  }

  static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
