package org.gags.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.synth.RandomScene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ContributorsTruncationTest {
  /** Two pixels: (g0 .1, g1 .1, g2 .5) and (g3 .3, g4 .05). */
  static Contributors lists() {
    return new Contributors(2, 1, new int[] {0, 3, 5}, new int[] {0, 1, 2, 3, 4}, new float[] {.1f, .1f, .5f, .3f, .05f});
  }

  @Test
  void topKKeepsTheLargestWeightsInFrontToBackOrderAndTiesFrontFirst() {
    Contributors k2 = lists().truncated(0f, 2);
    assertArrayEquals(new int[] {0, 2, 4}, k2.pixelStart());
    assertArrayEquals(new int[] {0, 2, 3, 4}, k2.gaussians());
    assertArrayEquals(new float[] {.1f, .5f, .3f, .05f}, k2.weights());
    Contributors k1 = lists().truncated(0f, 1);
    assertArrayEquals(new int[] {2, 3}, k1.gaussians());
  }

  @Test
  void minWeightDropsSmallEntriesAndBothRulesCombine() {
    Contributors m = lists().truncated(0.1f, 0);
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.gaussians());
    assertArrayEquals(new int[] {0, 3, 4}, m.pixelStart());
    Contributors both = lists().truncated(0.2f, 2);
    assertArrayEquals(new int[] {2, 3}, both.gaussians());
    Contributors all = lists();
    assertSame(all, all.truncated(0f, 0), "no truncation is the lists themselves");
    assertThrows(IllegalArgumentException.class, () -> lists().truncated(-1f, 0));
    assertThrows(IllegalArgumentException.class, () -> lists().truncated(0f, -1));
  }

  /** On a real render, top-K lowers the rendered feature's relative error as K grows, and all-K is exact. */
  @Test
  void truncationErrorOnARenderFallsWithK() {
    GaussianCloud cloud = RandomScene.cloud(7, 3000, 0, 1.0, 0.02);
    Camera camera = RandomScene.camera(64, 48);
    Contributors w = Rasterizer.render(cloud, camera, RenderRequest.contributorsOnly(),
        RenderSettings.GSPLAT_CLASSIC.withThreads(1)).contributors();
    float[] f = new float[cloud.count() * 4];
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) rnd.nextGaussian();
    }
    float[] exact = w.render(f, 4);
    double previous = Double.MAX_VALUE;
    for (int k : new int[] {1, 4, 16, 64}) {
      double e = ContributorErrors.relative(exact, w.truncated(0f, k).render(f, 4));
      assertTrue(e <= previous + 1e-12, "K=" + k + ": error " + e + " after " + previous);
      previous = e;
    }
    int longest = 0;
    for (int p = 0; p < 64 * 48; p++) {
      longest = Math.max(longest, w.pixelStart()[p + 1] - w.pixelStart()[p]);
    }
    assertArrayEquals(exact, w.truncated(0f, longest).render(f, 4));
  }
}
