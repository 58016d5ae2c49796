package org.gags.model.testclip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gags.synth.Entity;

/**
 * What the test model's embeddings mean on the sample scene's ground-truth crops: per entity, the
 * mean cosine of its crops with each other (across views) and with other entities' crops; per
 * query, the mean cosine of its text embedding with each entity's crops; and how well crops of one
 * object's parts separate by nearest part centroid (leave-one-out).
 */
final class Meaning {
  private Meaning() {}

  /** Unit vectors. */
  static float[][] normalise(float[][] v) {
    float[][] out = new float[v.length][];
    for (int i = 0; i < v.length; i++) {
      double s = 0;
      for (float x : v[i]) {
        s += x * x;
      }
      float n = (float) Math.sqrt(s);
      out[i] = new float[v[i].length];
      for (int k = 0; k < v[i].length; k++) {
        out[i][k] = v[i][k] / n;
      }
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /** Row e: the entity's crop count, mean cosine among its crops (other views only), and with others'. */
  record Consistency(String entity, int crops, double within, double between, String nearestOther, double nearestOtherCos) {
    boolean holds() {
      return within > nearestOtherCos;
    }
  }

  /**
   * Per entity: mean cosine between its crops from different views, against the mean cosine with
   * every other entity's crops (the closest other entity is reported).
   */
  static List<Consistency> consistency(List<Entity> entities, int[] entityOf, int[] viewOf, float[][] unit) {
    int m = entities.size();
    double[][] sum = new double[m][m];
    long[][] cnt = new long[m][m];
    for (int i = 0; i < unit.length; i++) {
      for (int j = 0; j < unit.length; j++) {
        if (viewOf[i] == viewOf[j] && entityOf[i] == entityOf[j]) {
          continue; // the same crop (one per entity and view)
        }
        sum[entityOf[i]][entityOf[j]] += dot(unit[i], unit[j]);
        cnt[entityOf[i]][entityOf[j]]++;
      }
    }
    List<Consistency> out = new ArrayList<>();
    for (int e = 0; e < m; e++) {
      int crops = 0;
      for (int x : entityOf) {
        crops += x == e ? 1 : 0;
      }
      if (crops < 2) {
        continue;
      }
      double within = sum[e][e] / cnt[e][e];
      double bs = 0;
      long bc = 0;
      int nearest = -1;
      double nearestCos = -2;
      for (int o = 0; o < m; o++) {
        if (o == e || cnt[e][o] == 0) {
          continue;
        }
        bs += sum[e][o];
        bc += cnt[e][o];
        double c = sum[e][o] / cnt[e][o];
        if (c > nearestCos) {
          nearestCos = c;
          nearest = o;
        }
      }
      out.add(new Consistency(entities.get(e).query(), crops, within, bs / bc, entities.get(nearest).query(), nearestCos));
    }
    return out;
  }

  /** A query's mean cosine with each entity's crops. */
  record Retrieval(String query, String best, double ownCos, double bestOtherCos, String bestOther) {
    boolean hit() {
      return best.equals(query);
    }
  }

  static List<Retrieval> retrieval(List<Entity> entities, float[][] queryUnit, int[] entityOf, float[][] unit) {
    int m = entities.size();
    List<Retrieval> out = new ArrayList<>();
    for (int q = 0; q < m; q++) {
      double[] s = new double[m];
      int[] c = new int[m];
      for (int i = 0; i < unit.length; i++) {
        s[entityOf[i]] += dot(queryUnit[q], unit[i]);
        c[entityOf[i]]++;
      }
      int best = -1;
      int bestOther = -1;
      for (int e = 0; e < m; e++) {
        if (c[e] == 0) {
          continue;
        }
        s[e] /= c[e];
        if (best < 0 || s[e] > s[best]) {
          best = e;
        }
        if (e != q && (bestOther < 0 || s[e] > s[bestOther])) {
          bestOther = e;
        }
      }
      out.add(new Retrieval(entities.get(q).query(), entities.get(best).query(), c[q] == 0 ? Double.NaN : s[q],
          s[bestOther], entities.get(bestOther).query()));
    }
    return out;
  }

  /**
   * Leave-one-out nearest-centroid accuracy among the crops of the given entities (the centroids
   * of unit vectors, the held-out crop left out of its own).
   */
  static double partAccuracy(int[] parts, int[] entityOf, float[][] unit) {
    int dim = unit[0].length;
    double[][] sum = new double[parts.length][dim];
    int[] count = new int[parts.length];
    for (int i = 0; i < unit.length; i++) {
      int p = indexOf(parts, entityOf[i]);
      if (p >= 0) {
        count[p]++;
        for (int k = 0; k < dim; k++) {
          sum[p][k] += unit[i][k];
        }
      }
    }
    int right = 0;
    int total = 0;
    for (int i = 0; i < unit.length; i++) {
      int own = indexOf(parts, entityOf[i]);
      if (own < 0) {
        continue;
      }
      int best = -1;
      double bestCos = -2;
      for (int p = 0; p < parts.length; p++) {
        int n = count[p] - (p == own ? 1 : 0);
        if (n == 0) {
          continue;
        }
        double d = 0;
        double nn = 0;
        for (int k = 0; k < dim; k++) {
          double c = (sum[p][k] - (p == own ? unit[i][k] : 0)) / n;
          d += c * unit[i][k];
          nn += c * c;
        }
        double cos = d / Math.sqrt(nn);
        if (cos > bestCos) {
          bestCos = cos;
          best = p;
        }
      }
      right += best == own ? 1 : 0;
      total++;
    }
    return (double) right / total;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  static String consistencyTable(List<Consistency> rows) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-18s %5s %8s %8s  %-18s %8s%n",
        "entity", "crops", "within", "others", "closest other", "its cos"));
    for (Consistency c : rows) {
      b.append(String.format(Locale.ROOT, "%-18s %5d %8.3f %8.3f  %-18s %8.3f%s%n", c.entity(), c.crops(), c.within(),
          c.between(), c.nearestOther(), c.nearestOtherCos(), c.holds() ? "" : "   <-- closer to another"));
    }
    return b.toString();
  }

  static String retrievalTable(List<Retrieval> rows) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-18s %8s  %-18s %8s  %s%n",
        "query", "own cos", "best other", "its cos", "top entity"));
    for (Retrieval r : rows) {
      b.append(String.format(Locale.ROOT, "%-18s %8.3f  %-18s %8.3f  %s%n", r.query(), r.ownCos(), r.bestOther(),
          r.bestOtherCos(), r.hit() ? "= own" : r.best() + "   <-- miss"));
    }
    return b.toString();
  }
}
