package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Visibility, the per-Gaussian minimum and the sparse maps, on hand cases and against a manual fold. */
@Tag("unit")
class MinDepthTest {
  static final int W = 8;
  static final int H = 6;
  /** At the origin looking down +z; u = 4x/z·2 + 4 (fx = 8, cx = 4), v = 8y/z + 3. */
  static final Camera CAM = new Camera(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 0}, 8, 8, 4, 3, W, H);

  /** A wall at depth 2 with a few marked pixels. */
  static float[] wall() {
    float[] d = new float[W * H];
    Arrays.fill(d, 2f);
    d[3 * W + 2] = 1.9f;
    d[3 * W + 3] = 2.2f;
    d[3 * W] = 2.1f;
    d[0] = 0f; // nothing rendered there
    return d;
  }

  @Test
  void visibilityOnAHandCase() {
    float[] positions = {
      0, 0, 2, //          0: on the wall at pixel (4, 3): visible, depth 2
      0, 0, 4, //          1: behind the wall, same pixel: |2 − 4| > 0.25·2
      2, 0, 2, //          2: u = 12, outside the image
      -0.25f, 0, -2, //    3: behind the camera (would project to u = 5)
      -0.375f, 0, 2, //    4: u = 2.5 exactly, rounds half to even → column 2 (D 1.9), not 3 (D 2.2)
      -0.125f, 0, 2, //    5: u = 3.5 exactly → column 4 (D 2), not 3
      0, 0.5f, 2.5f, //    6: pixel (4, 5), |2 − 2.5| = 0.25·2 exactly: visible, its depth is D = 2, not z
      -1, -0.75f, 2, //    7: pixel (0, 0) where D = 0: never visible
      -1.125f, 0, 2, //    8: u = −0.5 rounds to −0 = column 0: inside (D 2.1)
    };
    ViewVisibility v = MinDepth.visible(positions, CAM, wall(), 0.25);
    assertEquals(W, v.width());
    assertArrayEquals(new int[] {0, 4, 5, 6, 8}, v.gaussians());
    assertArrayEquals(new int[] {3 * W + 4, 3 * W + 2, 3 * W + 4, 5 * W + 4, 3 * W}, v.pixels());
    assertArrayEquals(new float[] {2f, 1.9f, 2f, 2f, 2.1f}, v.depths());

    ViewVisibility strict = MinDepth.visible(positions, CAM, wall(), 0.2);
    assertArrayEquals(new int[] {0, 4, 5, 8}, strict.gaussians(), "at 0.2 the Gaussian 0.5 off the wall is hidden");
  }

  @Test
  void theMinimumIsOrderIndependentAndStartsFromInfinity() {
    ViewVisibility a = new ViewVisibility(W, H, new int[] {0, 2}, new int[] {1, 5}, new float[] {3f, 1f});
    ViewVisibility b = new ViewVisibility(W, H, new int[] {0, 1}, new int[] {9, 9}, new float[] {2f, 4f});
    float[] ab = infinities(4);
    MinDepth.accumulateMin(a, ab);
    MinDepth.accumulateMin(b, ab);
    float[] ba = infinities(4);
    MinDepth.accumulateMin(b, ba);
    MinDepth.accumulateMin(a, ba);
    assertArrayEquals(new float[] {2f, 4f, 1f, Float.POSITIVE_INFINITY}, ab);
    assertArrayEquals(ab, ba);
  }

  @Test
  void theSparseMapKeepsTheLastWriteInGaussianOrder() {
    // Gaussians 0 and 5 share pixel 7; Gaussian 5 comes later and wins.
    ViewVisibility v = new ViewVisibility(W, H, new int[] {0, 3, 5}, new int[] {7, 2, 7}, new float[] {9f, 9f, 9f});
    float[] dmin = {1, 2, 3, 4, 5, 6};
    SparseMinDepth map = MinDepth.sparseMap(v, dmin);
    assertArrayEquals(new int[] {2, 7}, map.pixels());
    assertArrayEquals(new float[] {4f, 6f}, map.values(), "values are dmin of the Gaussian, not the view's depth");
    float[] dense = map.dense();
    assertEquals(W * H, dense.length);
    assertEquals(4f, dense[2]);
    assertEquals(6f, dense[7]);
    assertEquals(10f, sum(dense));
  }

  @Test
  void theReferenceEqualsAManualFoldOverThreeRenderedViews() {
    GaussianCloud cloud = blobs(400, 17);
    List<Camera> cams = new ArrayList<>();
    List<float[]> depths = new ArrayList<>();
    double[][] eyes = {{0, -3, 0.5}, {2.5, -2, 1}, {-1, -1.2, 0.3}};
    for (double[] eye : eyes) {
      Camera c = Camera.lookAt(eye, new double[] {0, 0, 0}, new double[] {0, 0, 1}, 60, 60, 64, 48);
      cams.add(c);
      depths.add(Rasterizer.render(cloud, c, RenderRequest.depthOnly(), RenderSettings.GSPLAT_CLASSIC).depth());
    }
    MinDepthReference.Result ref = MinDepthReference.compute(cloud, cams, depths, 0.25);

    float[] manual = infinities(cloud.count());
    List<ViewVisibility> vis = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      ViewVisibility v = MinDepth.visible(cloud.positions(), cams.get(c), depths.get(c), 0.25);
      vis.add(v);
      for (int i = 0; i < v.count(); i++) {
        manual[v.gaussians()[i]] = Math.min(manual[v.gaussians()[i]], v.depths()[i]);
      }
    }
    assertArrayEquals(manual, ref.gaussianMin());
    int seen = 0;
    for (float m : manual) {
      seen += Float.isFinite(m) ? 1 : 0;
    }
    assertTrue(seen > 50 && seen < cloud.count(), "some Gaussians are seen and some hidden: " + seen);
    int sharedPixels = 0;
    for (int c = 0; c < 3; c++) {
      float[] dense = new float[64 * 48];
      ViewVisibility v = vis.get(c);
      for (int i = 0; i < v.count(); i++) {
        dense[v.pixels()[i]] = manual[v.gaussians()[i]];
      }
      assertArrayEquals(dense, ref.maps().get(c).dense(), "view " + c);
      sharedPixels += v.count() - ref.maps().get(c).pixels().length;
    }
    assertTrue(sharedPixels > 0, "some centres share a pixel, so the last-write rule is exercised");
    assertFalse(Arrays.equals(vis.get(0).gaussians(), vis.get(1).gaussians()), "the views see different Gaussians");
  }

  /** Small opaque isotropic Gaussians in a unit ball, so that some hide others. */
  static GaussianCloud blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] pos = new float[3 * n];
    float[] scales = new float[3 * n];
    float[] rot = new float[4 * n];
    float[] opacity = new float[n];
    for (int g = 0; g < n; g++) {
      for (int k = 0; k < 3; k++) {
        pos[3 * g + k] = (float) r.nextDouble(-0.6, 0.6);
        scales[3 * g + k] = (float) Math.log(0.06);
      }
      rot[4 * g] = 1;
      opacity[g] = 4;
    }
    return new GaussianCloud(n, 0, pos, null, new float[3 * n], new float[0], opacity, scales, rot, null);
  }

  private static float[] infinities(int n) {
    float[] a = new float[n];
    Arrays.fill(a, Float.POSITIVE_INFINITY);
    return a;
  }

  private static float sum(float[] a) {
    float s = 0;
    for (float v : a) {
      s += v;
    }
    return s;
  }
}
