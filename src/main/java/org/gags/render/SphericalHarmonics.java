package org.gags.render;

/**
 * Real spherical-harmonics colour evaluation with the INRIA / gsplat basis constants, degrees 0-3.
 * Colour = SH(dir) + 0.5, clamped at 0, where dir is the unit vector from camera centre to mean.
 */
public final class SphericalHarmonics {
  static final double C0 = 0.28209479177387814;
  static final double C1 = 0.4886025119029199;
  static final double[] C2 = {
    1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792,
    0.5462742152960396
  };
  static final double[] C3 = {
    -0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154,
    -0.4570457994644658, 1.445305721320277, -0.5900435899266435
  };

  private SphericalHarmonics() {}

  /**
   * Fills {@code basis[0..(d+1)²)} with the basis values for unit direction (x, y, z).
   */
  public static void basis(int degree, double x, double y, double z, double[] basis) {
    basis[0] = C0;
    if (degree < 1) {
      return;
    }
    basis[1] = -C1 * y;
    basis[2] = C1 * z;
    basis[3] = -C1 * x;
    if (degree < 2) {
      return;
    }
    double xx = x * x, yy = y * y, zz = z * z, xy = x * y, yz = y * z, xz = x * z;
    basis[4] = C2[0] * xy;
    basis[5] = C2[1] * yz;
    basis[6] = C2[2] * (2.0 * zz - xx - yy);
    basis[7] = C2[3] * xz;
    basis[8] = C2[4] * (xx - yy);
    if (degree < 3) {
      return;
    }
    basis[9] = C3[0] * y * (3 * xx - yy);
    basis[10] = C3[1] * xy * z;
    basis[11] = C3[2] * y * (4 * zz - xx - yy);
    basis[12] = C3[3] * z * (2 * zz - 3 * xx - 3 * yy);
    basis[13] = C3[4] * x * (4 * zz - xx - yy);
    basis[14] = C3[5] * z * (xx - yy);
    basis[15] = C3[6] * x * (xx - 3 * yy);
  }

  /**
   * Colour of one Gaussian: channel c = Σ_j basis[j]·coef(c, j) + 0.5, clamped at 0, with coef(c,0) =
   * dc[3g+c] and coef(c, j≥1) = rest[g·3·R + c·R + j−1] (channel-major, R = (d+1)²−1).
   */
  public static void colour(
      int degree, double[] basis, float[] dc, float[] rest, int g, float[] out, int outOffset) {
    int r = (degree + 1) * (degree + 1) - 1;
    int restBase = g * 3 * r;
    for (int c = 0; c < 3; c++) {
      double v = basis[0] * dc[3 * g + c];
      int o = restBase + c * r - 1;
      for (int j = 1; j <= r; j++) {
        v += basis[j] * rest[o + j];
      }
      out[outOffset + c] = (float) Math.max(0.0, v + 0.5);
    }
  }
}
