package org.gags.render;

import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.util.Parallel;

/**
 * Step 1 of rasterization: projects every Gaussian to the image, as gsplat v1.4.0's
 * {@code fully_fused_projection} (classic mode) does. Per Gaussian: camera-space mean, near/far
 * cull, 3D covariance R S Sᵀ Rᵀ from the normalised quaternion and exp(scale), the EWA Jacobian
 * with x/z, y/z clamped to the frustum widened by 0.3·tan(fov/2), the 0.3 low-pass on the 2D
 * covariance, the conic, the 3σ radius of the largest eigenvalue and the off-screen cull. Optional
 * SH colours along the camera-centre-to-mean direction.
 */
public final class Projection {
  private static final int CHUNK = 8192;

  private Projection() {}

  public static ProjectedGaussians project(
      GaussianCloud cloud, Camera camera, RenderSettings settings, boolean colours) {
    int n = cloud.count();
    ProjectedGaussians out =
        new ProjectedGaussians(
            n,
            camera.width(),
            camera.height(),
            new float[n],
            new float[n],
            new float[n],
            new float[n],
            new float[n],
            new float[n],
            new float[n],
            new int[n],
            new float[n],
            new float[n],
            colours ? new float[3 * n] : null);
    double[] centre = camera.centre();
    Parallel.forRanges(
        n,
        settings.threads(),
        CHUNK,
        (start, end) -> {
          double[] basis = new double[16];
          for (int g = start; g < end; g++) {
            projectOne(cloud, camera, settings, g, out);
            if (colours && out.radius()[g] > 0) {
              colourOne(cloud, centre, g, basis, out.rgb());
            }
          }
        });
    return out;
  }

  static void projectOne(
      GaussianCloud cloud, Camera camera, RenderSettings s, int g, ProjectedGaussians out) {
    double[] r = camera.rotation();
    double[] t = camera.translation();
    float[] p = cloud.positions();
    double px = p[3 * g], py = p[3 * g + 1], pz = p[3 * g + 2];
    double x = r[0] * px + r[1] * py + r[2] * pz + t[0];
    double y = r[3] * px + r[4] * py + r[5] * pz + t[1];
    double z = r[6] * px + r[7] * py + r[8] * pz + t[2];
    out.radius()[g] = 0;
    if (z < s.near() || z > s.far()) {
      return;
    }

    // World covariance M Mᵀ with M = R(q) · diag(exp(scale)).
    float[] q = cloud.rotations();
    double qw = q[4 * g], qx = q[4 * g + 1], qy = q[4 * g + 2], qz = q[4 * g + 3];
    double qn = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    if (!(qn > 0)) {
      return;
    }
    qw /= qn;
    qx /= qn;
    qy /= qn;
    qz /= qn;
    float[] ls = cloud.logScales();
    double sx = Math.exp(ls[3 * g]), sy = Math.exp(ls[3 * g + 1]), sz = Math.exp(ls[3 * g + 2]);
    double m00 = (1 - 2 * (qy * qy + qz * qz)) * sx;
    double m01 = 2 * (qx * qy - qw * qz) * sy;
    double m02 = 2 * (qx * qz + qw * qy) * sz;
    double m10 = 2 * (qx * qy + qw * qz) * sx;
    double m11 = (1 - 2 * (qx * qx + qz * qz)) * sy;
    double m12 = 2 * (qy * qz - qw * qx) * sz;
    double m20 = 2 * (qx * qz - qw * qy) * sx;
    double m21 = 2 * (qy * qz + qw * qx) * sy;
    double m22 = (1 - 2 * (qx * qx + qy * qy)) * sz;
    double s00 = m00 * m00 + m01 * m01 + m02 * m02;
    double s01 = m00 * m10 + m01 * m11 + m02 * m12;
    double s02 = m00 * m20 + m01 * m21 + m02 * m22;
    double s11 = m10 * m10 + m11 * m11 + m12 * m12;
    double s12 = m10 * m20 + m11 * m21 + m12 * m22;
    double s22 = m20 * m20 + m21 * m21 + m22 * m22;

    // Camera covariance C = Rc Σ Rcᵀ; we need only J C Jᵀ, with J's rows (j00, 0, j02), (0, j11, j12).
    double fx = camera.fx(), fy = camera.fy(), cx = camera.cx(), cy = camera.cy();
    int width = camera.width(), height = camera.height();
    double tanFovX = 0.5 * width / fx;
    double tanFovY = 0.5 * height / fy;
    double limXPos = (width - cx) / fx + 0.3 * tanFovX;
    double limXNeg = cx / fx + 0.3 * tanFovX;
    double limYPos = (height - cy) / fy + 0.3 * tanFovY;
    double limYNeg = cy / fy + 0.3 * tanFovY;
    double rz = 1.0 / z;
    double rz2 = rz * rz;
    double tx = z * Math.min(limXPos, Math.max(-limXNeg, x * rz));
    double ty = z * Math.min(limYPos, Math.max(-limYNeg, y * rz));
    double j00 = fx * rz, j02 = -fx * tx * rz2;
    double j11 = fy * rz, j12 = -fy * ty * rz2;
    // Rows of T = J · Rc (2×3).
    double t00 = j00 * r[0] + j02 * r[6], t01 = j00 * r[1] + j02 * r[7], t02 = j00 * r[2] + j02 * r[8];
    double t10 = j11 * r[3] + j12 * r[6], t11 = j11 * r[4] + j12 * r[7], t12 = j11 * r[5] + j12 * r[8];
    // cov2d = T Σ Tᵀ.
    double a0 = s00 * t00 + s01 * t01 + s02 * t02;
    double a1 = s01 * t00 + s11 * t01 + s12 * t02;
    double a2 = s02 * t00 + s12 * t01 + s22 * t02;
    double c00 = t00 * a0 + t01 * a1 + t02 * a2;
    double c01 = t10 * a0 + t11 * a1 + t12 * a2;
    double b0 = s00 * t10 + s01 * t11 + s02 * t12;
    double b1 = s01 * t10 + s11 * t11 + s12 * t12;
    double b2 = s02 * t10 + s12 * t11 + s22 * t12;
    double c11 = t10 * b0 + t11 * b1 + t12 * b2;

    c00 += s.eps2d();
    c11 += s.eps2d();
    double det = c00 * c11 - c01 * c01;
    if (!(det > 0)) {
      return;
    }
    double b = 0.5 * (c00 + c11);
    double v1 = b + Math.sqrt(Math.max(0.01, b * b - det));
    double radius = Math.ceil(3.0 * Math.sqrt(v1));
    if (!(radius > 0)) {
      return;
    }
    double mx = fx * x * rz + cx;
    double my = fy * y * rz + cy;
    if (mx + radius <= 0 || mx - radius >= width || my + radius <= 0 || my - radius >= height) {
      return;
    }
    double invDet = 1.0 / det;
    out.meanX()[g] = (float) mx;
    out.meanY()[g] = (float) my;
    out.conicA()[g] = (float) (c11 * invDet);
    out.conicB()[g] = (float) (-c01 * invDet);
    out.conicC()[g] = (float) (c00 * invDet);
    out.depth()[g] = (float) z;
    float logit = cloud.opacityLogits()[g];
    float opacity = (float) (1.0 / (1.0 + Math.exp(-logit)));
    out.opacity()[g] = opacity;
    out.extentX()[g] = SplatMath.alphaExtent(c00, opacity, s.minAlpha());
    out.extentY()[g] = SplatMath.alphaExtent(c11, opacity, s.minAlpha());
    out.radius()[g] = radius > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) radius;
  }

  private static void colourOne(GaussianCloud cloud, double[] centre, int g, double[] basis, float[] rgb) {
    float[] p = cloud.positions();
    double dx = p[3 * g] - centre[0], dy = p[3 * g + 1] - centre[1], dz = p[3 * g + 2] - centre[2];
    double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (len > 0) {
      dx /= len;
      dy /= len;
      dz /= len;
    }
    SphericalHarmonics.basis(cloud.shDegree(), dx, dy, dz, basis);
    SphericalHarmonics.colour(cloud.shDegree(), basis, cloud.shDc(), cloud.shRest(), g, rgb, 3 * g);
  }
}
