package org.gags.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Renders whose result can be worked out by hand. */
@Tag("unit")
class AnalyticRenderTest {
  static final double F = 50;
  static final int W = 64;
  /** Principal point on a pixel centre, so an on-axis Gaussian peaks exactly at pixel (32, 32). */
  static final Camera CAMERA =
      new Camera(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 0}, F, F, 32.5, 32.5, W, W);
  static final RenderSettings S = RenderSettings.GSPLAT_CLASSIC;

  /** On-axis isotropic Gaussians: z, scale, opacity, rgb per Gaussian. */
  static GaussianCloud onAxis(double[][] gaussians) {
    int n = gaussians.length;
    float[] pos = new float[3 * n];
    float[] dc = new float[3 * n];
    float[] op = new float[n];
    float[] sc = new float[3 * n];
    float[] rot = new float[4 * n];
    for (int g = 0; g < n; g++) {
      double[] d = gaussians[g];
      pos[3 * g + 2] = (float) d[0];
      for (int c = 0; c < 3; c++) {
        sc[3 * g + c] = (float) Math.log(d[1]);
        dc[3 * g + c] = (float) ((d[3 + c] - 0.5) / SphericalHarmonics.C0);
      }
      op[g] = (float) Math.log(d[2] / (1 - d[2]));
      rot[4 * g] = 1;
    }
    return new GaussianCloud(n, 0, pos, null, dc, new float[0], op, sc, rot, null);
  }

  @Test
  void singleGaussianHeadOnHasTheExpectedPeakFootprintAndRadius() {
    // f·s/z = 50·0.04/2 = 1 pixel, so the 2D variance is 1 + 0.3 on both axes.
    GaussianCloud cloud = onAxis(new double[][] {{2.0, 0.04, 0.8, 1.0, 0.5, 0.25}});
    ProjectedGaussians p = Projection.project(cloud, CAMERA, S, true);
    assertEquals(32.5f, p.meanX()[0], 1e-6f);
    assertEquals(1 / 1.3f, p.conicA()[0], 1e-6f);
    assertEquals(0f, p.conicB()[0], 1e-9f);
    // λmax = 1.3 + sqrt(max(0.01, 0)) = 1.4; radius = ceil(3·sqrt(1.4)) = 4.
    assertEquals(4, p.radius()[0]);

    RenderResult r = Rasterizer.render(cloud, CAMERA, RenderRequest.rgb(new float[] {0, 0, 1}).withDepth(), S);
    int centre = 32 * W + 32;
    assertEquals(0.8f, r.alpha()[centre], 1e-6f);
    assertArrayEquals(new float[] {0.8f * 1.0f, 0.8f * 0.5f, 0.8f * 0.25f + 0.2f},
        new float[] {r.rgb()[3 * centre], r.rgb()[3 * centre + 1], r.rgb()[3 * centre + 2]}, 1e-6f);
    assertEquals(2.0f, r.depth()[centre], 1e-6f);
    // Along the row: α = 0.8·exp(−k²/2.6) while ≥ 1/255, i.e. |k| ≤ 3 (k² ≤ 2.6·ln 204 = 13.8).
    for (int k = -6; k <= 6; k++) {
      float alpha = r.alpha()[32 * W + 32 + k];
      if (Math.abs(k) <= 3) {
        assertEquals(0.8 * Math.exp(-k * k / 2.6), alpha, 1e-6, "k=" + k);
        assertEquals(2.0f, r.depth()[32 * W + 32 + k], 1e-5f);
      } else {
        assertEquals(0f, alpha, "k=" + k);
      }
    }
  }

  @Test
  void alphaIsCappedAt0999() {
    GaussianCloud cloud = onAxis(new double[][] {{2.0, 0.04, 0.99999, 1, 1, 1}});
    RenderResult r = Rasterizer.render(cloud, CAMERA, RenderRequest.alphaOnly(), S);
    assertEquals(0.999f, r.alpha()[32 * W + 32], 1e-6f);
  }

  @Test
  void twoGaussiansCompositeFrontToBackWhateverTheirStorageOrder() {
    double[] red = {2.0, 0.04, 0.5, 1, 0, 0};
    double[] blue = {3.0, 0.06, 0.5, 0, 0, 1};
    float[] bg = {0, 1, 0};
    int c = 32 * W + 32;
    for (GaussianCloud cloud : new GaussianCloud[] {onAxis(new double[][] {red, blue}), onAxis(new double[][] {blue, red})}) {
      RenderResult r = Rasterizer.render(cloud, CAMERA, RenderRequest.rgb(bg).withDepth().withContributors(), S);
      assertArrayEquals(new float[] {0.5f, 0.25f, 0.25f},
          new float[] {r.rgb()[3 * c], r.rgb()[3 * c + 1], r.rgb()[3 * c + 2]}, 1e-6f);
      assertEquals(0.75f, r.alpha()[c], 1e-6f);
      // ED = (0.5·2 + 0.25·3) / 0.75.
      assertEquals(1.75f / 0.75f, r.depth()[c], 1e-5f);
      Contributors list = r.contributors();
      assertEquals(2, list.pixelStart()[c + 1] - list.pixelStart()[c]);
      assertEquals(0.5f, list.weights()[list.pixelStart()[c]], 1e-6f);
      assertEquals(0.25f, list.weights()[list.pixelStart()[c] + 1], 1e-6f);
    }
  }

  @Test
  void compositingStopsBeforeTheGaussianThatWouldSaturateTransmittance() {
    // First α = 0.999 leaves T = 0.001; the second would bring it to 1e-6 <= 1e-4, so it never enters.
    GaussianCloud cloud = onAxis(new double[][] {{2.0, 0.04, 0.99999, 1, 0, 0}, {3.0, 0.06, 0.99999, 0, 0, 1}});
    int c = 32 * W + 32;
    RenderResult r = Rasterizer.render(cloud, CAMERA, RenderRequest.rgb(new float[] {0, 1, 0}).withDepth().withContributors(), S);
    assertArrayEquals(new float[] {0.999f, 0.001f, 0f},
        new float[] {r.rgb()[3 * c], r.rgb()[3 * c + 1], r.rgb()[3 * c + 2]}, 1e-6f);
    assertEquals(2.0f, r.depth()[c], 1e-5f);
    assertEquals(1, r.contributors().pixelStart()[c + 1] - r.contributors().pixelStart()[c]);
  }

  @Test
  void gaussiansBehindTheNearPlaneOrOffScreenAreCulled() {
    GaussianCloud cloud = onAxis(new double[][] {{0.005, 0.04, 0.9, 1, 1, 1}, {-1.0, 0.04, 0.9, 1, 1, 1}});
    ProjectedGaussians p = Projection.project(cloud, CAMERA, S, false);
    assertEquals(0, p.visibleCount());
    RenderResult r = Rasterizer.render(cloud, CAMERA, RenderRequest.rgb(new float[] {0.1f, 0.2f, 0.3f}), S);
    for (float a : r.alpha()) {
      assertEquals(0f, a);
    }
    assertEquals(0.3f, r.rgb()[2]);
  }

  @Test
  void projectedCovarianceMatchesTheExplicitEwaFormulaIncludingTheFrustumClamp() {
    // Rotated anisotropic Gaussians, one inside the view and one far outside it (x/z clamped).
    // {x, y, z, scale factor, expect clamp (1) or not (0)}
    float[][] cases = {{0.3f, -0.2f, 2.5f, 1f, 0f}, {2.2f, 0.1f, 2.0f, 6f, 1f}};
    int clamped = 0;
    for (float[] c : cases) {
      float[] mean = {c[0], c[1], c[2]};
      float[] q = {0.9f, 0.2f, -0.3f, 0.1f};
      float[] logScale = {(float) Math.log(0.05 * c[3]), (float) Math.log(0.2 * c[3]), (float) Math.log(0.01 * c[3])};
      GaussianCloud cloud = new GaussianCloud(1, 0, mean.clone(), null, new float[3], new float[0],
          new float[] {2f}, logScale, q, null);
      Camera cam = new Camera(Camera.rotationFromQuaternion(0.98, 0.05, 0.15, -0.1), new double[] {0.1, -0.2, 0.3},
          300, 320, 160, 120, 320, 240);
      ProjectedGaussians p = Projection.project(cloud, cam, S, false);
      double[] cov = explicitCov2d(mean, q, logScale, cam);
      double det = cov[0] * cov[3] - cov[1] * cov[2];
      if (p.radius()[0] == 0) {
        throw new AssertionError("expected the Gaussian to be visible: " + java.util.Arrays.toString(mean));
      }
      assertEquals(cov[3] / det, p.conicA()[0], 1e-6 * Math.abs(cov[3] / det) + 1e-9);
      assertEquals(-cov[1] / det, p.conicB()[0], 1e-6 * Math.abs(cov[1] / det) + 1e-9);
      assertEquals(cov[0] / det, p.conicC()[0], 1e-6 * Math.abs(cov[0] / det) + 1e-9);
      assertTrue(p.radius()[0] >= 1);
      clamped += outsideClampLimit(mean, cam) == (c[4] == 1f) ? (int) c[4] : 100;
    }
    assertEquals(1, clamped, "exactly the second case must exercise the frustum clamp");
  }

  private static boolean outsideClampLimit(float[] mean, Camera cam) {
    double[] r = cam.rotation();
    double[] t = cam.translation();
    double x = r[0] * mean[0] + r[1] * mean[1] + r[2] * mean[2] + t[0];
    double z = r[6] * mean[0] + r[7] * mean[1] + r[8] * mean[2] + t[2];
    return x / z > 1.3 * 0.5 * cam.width() / cam.fx();
  }

  /** J W Σ Wᵀ Jᵀ with explicit 3×3 matrices, plus the 0.3 low-pass. */
  private static double[] explicitCov2d(float[] mean, float[] q, float[] logScale, Camera cam) {
    double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    double[] rq = Camera.rotationFromQuaternion(q[0] / n, q[1] / n, q[2] / n, q[3] / n);
    double[][] rot = {{rq[0], rq[1], rq[2]}, {rq[3], rq[4], rq[5]}, {rq[6], rq[7], rq[8]}};
    double[][] s = new double[3][3];
    for (int i = 0; i < 3; i++) {
      s[i][i] = Math.exp(logScale[i]) * Math.exp(logScale[i]);
    }
    double[][] sigma = mul(mul(rot, s), transpose(rot));
    double[] r = cam.rotation();
    double[][] w = {{r[0], r[1], r[2]}, {r[3], r[4], r[5]}, {r[6], r[7], r[8]}};
    double[] t = cam.translation();
    double[] m = new double[3];
    for (int i = 0; i < 3; i++) {
      m[i] = w[i][0] * mean[0] + w[i][1] * mean[1] + w[i][2] * mean[2] + t[i];
    }
    double limX = 1.3 * 0.5 * cam.width() / cam.fx();
    double limY = 1.3 * 0.5 * cam.height() / cam.fy();
    double tx = m[2] * Math.max(-limX, Math.min(limX, m[0] / m[2]));
    double ty = m[2] * Math.max(-limY, Math.min(limY, m[1] / m[2]));
    double[][] j = {
      {cam.fx() / m[2], 0, -cam.fx() * tx / (m[2] * m[2])},
      {0, cam.fy() / m[2], -cam.fy() * ty / (m[2] * m[2])},
      {0, 0, 0}
    };
    double[][] c = mul(mul(mul(j, w), sigma), transpose(mul(j, w)));
    return new double[] {c[0][0] + 0.3, c[0][1], c[1][0], c[1][1] + 0.3};
  }

  private static double[][] mul(double[][] a, double[][] b) {
    double[][] c = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        for (int j = 0; j < 3; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        t[i][j] = a[j][i];
      }
    }
    return t;
  }
}
