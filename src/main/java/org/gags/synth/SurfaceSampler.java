package org.gags.synth;

/**
 * Stratified samples on the primitive surfaces the sample scene is made of, at roughly
 * {@code spacing} world units apart. Each sample reports its point, outward unit normal and two
 * surface parameters (which the scene uses to paint parts such as a logo or a label band).
 */
final class SurfaceSampler {
  private SurfaceSampler() {}

  /** Receives one surface sample. */
  @FunctionalInterface
  interface Sample {
    void accept(double[] point, double[] normal, double u, double v);
  }

  /** Rectangle centre ± halfU ± halfV (vectors), normal n; u, v in [−1, 1]. */
  static void rectangle(double[] c, double[] halfU, double[] halfV, double[] n, double spacing, Sample s) {
    int nu = Math.max(1, (int) Math.ceil(2 * norm(halfU) / spacing));
    int nv = Math.max(1, (int) Math.ceil(2 * norm(halfV) / spacing));
    for (int i = 0; i < nu; i++) {
      for (int j = 0; j < nv; j++) {
        double u = -1 + (2.0 * i + 1) / nu;
        double v = -1 + (2.0 * j + 1) / nv;
        s.accept(
            new double[] {
              c[0] + u * halfU[0] + v * halfV[0], c[1] + u * halfU[1] + v * halfV[1], c[2] + u * halfU[2] + v * halfV[2]
            },
            n, u, v);
      }
    }
  }

  /** Horizontal disc of radius r at height z around (cx, cy), facing up or down; u = radius fraction, v = angle. */
  static void disc(double cx, double cy, double z, double r, boolean up, double spacing, Sample s) {
    int rings = Math.max(1, (int) Math.ceil(r / spacing));
    double[] n = {0, 0, up ? 1 : -1};
    for (int k = 0; k < rings; k++) {
      double rr = (k + 0.5) * r / rings;
      int count = Math.max(3, (int) Math.ceil(2 * Math.PI * rr / spacing));
      for (int a = 0; a < count; a++) {
        double ang = 2 * Math.PI * (a + 0.5 * (k % 2)) / count;
        s.accept(new double[] {cx + rr * Math.cos(ang), cy + rr * Math.sin(ang), z}, n, rr / r, ang);
      }
    }
  }

  /**
   * Side of a vertical cone frustum around (cx, cy) from radius r0 at z0 to r1 at z1 (a cylinder when
   * equal); normals point outward, or inward when {@code inward}. u = angle, v = height.
   */
  static void frustum(
      double cx, double cy, double z0, double z1, double r0, double r1, boolean inward, double spacing, Sample s) {
    int rows = Math.max(1, (int) Math.ceil(Math.hypot(z1 - z0, r1 - r0) / spacing));
    double slope = (r0 - r1) / (z1 - z0);
    for (int k = 0; k < rows; k++) {
      double f = (k + 0.5) / rows;
      double z = z0 + f * (z1 - z0);
      double r = r0 + f * (r1 - r0);
      int count = Math.max(6, (int) Math.ceil(2 * Math.PI * r / spacing));
      for (int a = 0; a < count; a++) {
        double ang = 2 * Math.PI * (a + 0.5 * (k % 2)) / count;
        double nx = Math.cos(ang), ny = Math.sin(ang), nz = slope;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double sign = inward ? -1 : 1;
        s.accept(
            new double[] {cx + r * Math.cos(ang), cy + r * Math.sin(ang), z},
            new double[] {sign * nx / len, sign * ny / len, sign * nz / len},
            ang, z);
      }
    }
  }

  /** Sphere (Fibonacci lattice); u = polar angle from +z, v = azimuth. */
  static void sphere(double[] c, double r, double spacing, Sample s) {
    int count = Math.max(12, (int) Math.ceil(4 * Math.PI * r * r / (spacing * spacing)));
    double golden = Math.PI * (3 - Math.sqrt(5));
    for (int i = 0; i < count; i++) {
      double z = 1 - 2 * (i + 0.5) / count;
      double rr = Math.sqrt(1 - z * z);
      double ang = golden * i;
      double[] n = {rr * Math.cos(ang), rr * Math.sin(ang), z};
      s.accept(new double[] {c[0] + r * n[0], c[1] + r * n[1], c[2] + r * n[2]}, n, Math.acos(z), ang);
    }
  }

  /**
   * Torus around centre c in the plane spanned by unit vectors e1, e2 (normal e3), major radius
   * big, minor radius small, for major angles in [a0, a1]; u = major angle, v = minor angle.
   */
  static void torus(
      double[] c, double[] e1, double[] e2, double[] e3, double big, double small, double a0, double a1,
      double spacing, Sample s) {
    int nu = Math.max(3, (int) Math.ceil((a1 - a0) * big / spacing));
    int nv = Math.max(6, (int) Math.ceil(2 * Math.PI * small / spacing));
    for (int i = 0; i < nu; i++) {
      double u = a0 + (a1 - a0) * (i + 0.5) / nu;
      for (int j = 0; j < nv; j++) {
        double v = 2 * Math.PI * (j + 0.5 * (i % 2)) / nv;
        double[] n = new double[3];
        double[] p = new double[3];
        for (int d = 0; d < 3; d++) {
          double radial = Math.cos(u) * e1[d] + Math.sin(u) * e2[d];
          n[d] = Math.cos(v) * radial + Math.sin(v) * e3[d];
          p[d] = c[d] + big * radial + small * n[d];
        }
        s.accept(p, n, u, v);
      }
    }
  }

  static double norm(double[] a) {
    return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  }
}
