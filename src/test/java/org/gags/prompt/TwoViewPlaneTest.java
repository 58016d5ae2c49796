package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The hand-computed case: a flat fronto-parallel plane seen head-on from distance d = 2 and
 * from 2d = 4 with the same intrinsics. The near view is the closest, so its patches get s = 4 (16
 * points); the far view sees the same Gaussians twice as far, so its patches get s = trunc(2·4) = 8
 * (64 points).
 *
 * <p>The plane is built so the rendered depth is exactly d (resp. 2d) at every pixel, with no float
 * noise: the ratio rule truncates, and treats a ratio a hair below 1 as "closer than the closest
 * view" (s = 1), so noise of one ulp would change the answer. Each Gaussian is flat (no extent
 * along the view axis), fully opaque and much wider than the image, so at every pixel the first one
 * in depth order reaches the α cap 0.999 and the next one ends compositing; ED = z·α/α = z exactly,
 * z being a power of two. Centres sit on every second pixel of the near image (columns and rows 0,
 * 2, 4, ...), so they fill it; in the far image they fill the central half (columns 20..59, rows
 * 16..47), while the wide Gaussians still cover every pixel.
 */
@Tag("unit")
class TwoViewPlaneTest {
  static final int W = 80;
  static final int H = 64;
  static final double F = 64;
  static final double NEAR = 2;
  static final double FAR = 4;

  static Camera headOn(double distance) {
    return new Camera(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, distance}, F, F, W / 2.0, H / 2.0, W, H);
  }

  /** Centres on the plane z = 0 at near-view pixels (u, v), u, v even: x = (u − 40)/32, y = (v − 32)/32. */
  static GaussianCloud plane() {
    int nx = W / 2, ny = H / 2, n = nx * ny;
    float[] pos = new float[3 * n];
    float[] scales = new float[3 * n];
    float[] rot = new float[4 * n];
    float[] opacity = new float[n];
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        int g = j * nx + i;
        pos[3 * g] = (2 * i - W / 2) / 32f;
        pos[3 * g + 1] = (2 * j - H / 2) / 32f;
        scales[3 * g] = (float) Math.log(500);
        scales[3 * g + 1] = (float) Math.log(500);
        scales[3 * g + 2] = (float) Math.log(1e-6);
        rot[4 * g] = 1;
        opacity[g] = 20; // sigmoid(20) is 1 in float
      }
    }
    return new GaussianCloud(n, 0, pos, null, new float[3 * n], new float[0], opacity, scales, rot, null);
  }

  @Test
  void theFarViewGetsSixtyFourPointsPerPatchWhereTheNearOneGetsSixteen() {
    GaussianCloud cloud = plane();
    List<Camera> cams = List.of(headOn(NEAR), headOn(FAR));
    float[] near = Rasterizer.render(cloud, cams.get(0), RenderRequest.depthOnly(), RenderSettings.GSPLAT_CLASSIC).depth();
    float[] far = Rasterizer.render(cloud, cams.get(1), RenderRequest.depthOnly(), RenderSettings.GSPLAT_CLASSIC).depth();
    assertArrayEquals(filled(2f), near, "the near view's depth is exactly d everywhere");
    assertArrayEquals(filled(4f), far, "the far view's depth is exactly 2d everywhere");

    MinDepthReference.Result md = MinDepthReference.compute(cloud, cams, List.of(near, far), 0.25);
    assertArrayEquals(filled(cloud.count(), 2f), md.gaussianMin(), "every centre is seen from d by the near view");
    assertEquals(cloud.count(), md.maps().get(0).pixels().length, "one near-view pixel per centre");
    assertEquals(cloud.count(), md.maps().get(1).pixels().length, "one far-view pixel per centre");

    Prompts pNear = PromptSampler.sample(near, md.maps().get(0).dense(), W, H, PromptConfig.GAGS, 1);
    int[] side = new int[64];
    java.util.Arrays.fill(side, 4);
    assertArrayEquals(side, pNear.patchSide());
    assertEquals(64 * 16, pNear.count());

    // Far-view patches (x outer, y inner): columns [0,10) [9,19) [19,29) [29,39) [39,49) [49,59) [59,69) [69,79),
    // rows [0,8) [7,15) [15,23) [23,31) [31,39) [39,47) [47,55) [55,63). Centres fill columns 20..59 and rows 16..47,
    // so patch columns and rows 2..6 see them (ratio 4 / 2 = 2, s = 8); the rest have no Dmin: ratio NaN, s = 1.
    Prompts pFar = PromptSampler.sample(far, md.maps().get(1).dense(), W, H, PromptConfig.GAGS, 1);
    int[] expectedSide = new int[64];
    int[] expectedPoints = new int[64];
    for (int k = 0; k < 64; k++) {
      boolean seesCentres = k / 8 >= 2 && k / 8 <= 6 && k % 8 >= 2 && k % 8 <= 6;
      expectedSide[k] = seesCentres ? 8 : 1;
      expectedPoints[k] = seesCentres ? 64 : 1;
    }
    assertArrayEquals(expectedSide, pFar.patchSide());
    assertArrayEquals(expectedPoints, pFar.patchPoints());
    assertEquals(25 * 64 + 39, pFar.count());
  }

  private static float[] filled(float v) {
    return filled(W * H, v);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
