package org.gags.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gags.scene.GaussianCloud;

/**
 * Accumulates surface Gaussians (flat discs lying in the surface, thin along its normal) with an
 * SH degree-3 colour and the id of the labelled entity each one belongs to.
 */
final class GaussianBuilder {
  static final int SH_DEGREE = 3;
  private static final int REST = 3 * GaussianCloud.restPerChannel(SH_DEGREE);
  private static final double C0 = 0.28209479177387814;

  private final SplittableRandom rng;
  private int size;
  private float[] pos = new float[3 * 1024];
  private float[] dc = new float[3 * 1024];
  private float[] rest = new float[REST * 1024];
  private float[] opacity = new float[1024];
  private float[] scale = new float[3 * 1024];
  private float[] rot = new float[4 * 1024];
  private int[] entity = new int[1024];

  GaussianBuilder(long seed) {
    this.rng = new SplittableRandom(seed);
  }

  /**
   * Adds one Gaussian at {@code p} lying in the plane with normal {@code n}.
   *
   * @param radius in-plane scale (world units)
   * @param rgb base colour in 0..1 (a little noise is added)
   * @param gloss magnitude of the view-dependent SH terms
   * @param entityId labelled entity, or -1 for unlabelled surroundings
   */
  void add(double[] p, double[] n, double radius, double[] rgb, double gloss, int entityId) {
    grow();
    int g = size++;
    for (int c = 0; c < 3; c++) {
      pos[3 * g + c] = (float) p[c];
      double col = Math.min(1, Math.max(0, rgb[c] + (rng.nextDouble() - 0.5) * 0.04));
      dc[3 * g + c] = (float) ((col - 0.5) / C0);
    }
    for (int j = 0; j < REST; j++) {
      rest[REST * g + j] = (float) ((rng.nextDouble() - 0.5) * 2 * gloss);
    }
    opacity[g] = (float) (3.0 + rng.nextDouble());
    float logR = (float) Math.log(radius * (0.9 + 0.2 * rng.nextDouble()));
    scale[3 * g] = logR;
    scale[3 * g + 1] = logR;
    scale[3 * g + 2] = (float) Math.log(radius * 0.15);
    double[] q = quaternionZTo(n);
    for (int j = 0; j < 4; j++) {
      rot[4 * g + j] = (float) q[j];
    }
    entity[g] = entityId;
  }

  int size() {
    return size;
  }

  int[] entities() {
    return Arrays.copyOf(entity, size);
  }

  GaussianCloud build() {
    return new GaussianCloud(
        size,
        SH_DEGREE,
        Arrays.copyOf(pos, 3 * size),
        null,
        Arrays.copyOf(dc, 3 * size),
        Arrays.copyOf(rest, REST * size),
        Arrays.copyOf(opacity, size),
        Arrays.copyOf(scale, 3 * size),
        Arrays.copyOf(rot, 4 * size),
        null);
  }

  /** Unit quaternion (w, x, y, z) rotating the z axis onto unit vector n. */
  static double[] quaternionZTo(double[] n) {
    double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    double nx = n[0] / len, ny = n[1] / len, nz = n[2] / len;
    if (nz < -0.999999) {
      return new double[] {0, 1, 0, 0};
    }
    // Half-way quaternion: w = 1 + z·n, xyz = z × n, normalised.
    double w = 1 + nz, x = -ny, y = nx, z = 0;
    double q = Math.sqrt(w * w + x * x + y * y + z * z);
    return new double[] {w / q, x / q, y / q, z / q};
  }

  private void grow() {
    if (size < opacity.length) {
      return;
    }
    int n = opacity.length * 2;
    pos = Arrays.copyOf(pos, 3 * n);
    dc = Arrays.copyOf(dc, 3 * n);
    rest = Arrays.copyOf(rest, REST * n);
    opacity = Arrays.copyOf(opacity, n);
    scale = Arrays.copyOf(scale, 3 * n);
    rot = Arrays.copyOf(rot, 4 * n);
    entity = Arrays.copyOf(entity, n);
  }
}
