package org.gags.scene;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Random Gaussian clouds with fixed seeds, for PLY tests. */
final class TestClouds {
  private TestClouds() {}

  static GaussianCloud random(
      long seed, int count, int shDegree, boolean normals, int semanticExtras) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> extras = new LinkedHashMap<>();
    for (int k = 0; k < semanticExtras; k++) {
      extras.put("semantic_" + k, values(random, count));
    }
    return new GaussianCloud(
        count,
        shDegree,
        values(random, 3 * count),
        normals ? values(random, 3 * count) : null,
        values(random, 3 * count),
        values(random, 3 * count * GaussianCloud.restPerChannel(shDegree)),
        values(random, count),
        values(random, 3 * count),
        values(random, 4 * count),
        extras);
  }

  private static float[] values(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble(-10, 10));
    }
    return v;
  }
}
