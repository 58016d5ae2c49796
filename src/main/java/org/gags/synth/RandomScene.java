package org.gags.synth;

import java.util.SplittableRandom;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;

/**
 * Random Gaussian clouds for tests and benchmarks: means uniform in a box in front of a camera at
 * the origin looking along +z, log-uniform anisotropic scales, random rotations, opacities and SH
 * coefficients. Deterministic for a seed.
 */
public final class RandomScene {
  private RandomScene() {}

  /**
   * @param count number of Gaussians
   * @param shDegree 0..3
   * @param extent half-width of the box in x and y; z spans [1, 1 + 2·extent]
   * @param minScale smallest scale (world units); the largest is 20× this
   */
  public static GaussianCloud cloud(long seed, int count, int shDegree, double extent, double minScale) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rest = GaussianCloud.restPerChannel(shDegree);
    float[] pos = new float[3 * count];
    float[] dc = new float[3 * count];
    float[] shRest = new float[3 * rest * count];
    float[] opacity = new float[count];
    float[] scale = new float[3 * count];
    float[] rot = new float[4 * count];
    double logMin = Math.log(minScale);
    double logSpan = Math.log(20.0);
    for (int g = 0; g < count; g++) {
      pos[3 * g] = (float) ((rng.nextDouble() * 2 - 1) * extent);
      pos[3 * g + 1] = (float) ((rng.nextDouble() * 2 - 1) * extent);
      pos[3 * g + 2] = (float) (1 + rng.nextDouble() * 2 * extent);
      for (int c = 0; c < 3; c++) {
        dc[3 * g + c] = (float) ((rng.nextDouble() - 0.5) * 3.0);
        scale[3 * g + c] = (float) (logMin + rng.nextDouble() * logSpan);
      }
      for (int j = 0; j < 3 * rest; j++) {
        shRest[3 * rest * g + j] = (float) ((rng.nextDouble() - 0.5) * 0.4);
      }
      opacity[g] = (float) ((rng.nextDouble() - 0.3) * 8.0);
      for (int j = 0; j < 4; j++) {
        rot[4 * g + j] = (float) (rng.nextDouble() * 2 - 1);
      }
      if (rot[4 * g] == 0 && rot[4 * g + 1] == 0 && rot[4 * g + 2] == 0 && rot[4 * g + 3] == 0) {
        rot[4 * g] = 1;
      }
    }
    return new GaussianCloud(count, shDegree, pos, null, dc, shRest, opacity, scale, rot, null);
  }

  /** A camera at the origin looking along +z, with a horizontal field of view of about 60°. */
  public static Camera camera(int width, int height) {
    double f = 0.5 * width / Math.tan(Math.toRadians(30));
    return new Camera(
        new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 0}, f, f, width / 2.0, height / 2.0, width, height);
  }
}
