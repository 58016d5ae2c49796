package org.gags.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gags.io.ImageFiles;
import org.gags.scene.Camera;
import org.gags.scene.ColmapCamera;
import org.gags.scene.ColmapImage;
import org.gags.scene.ColmapModel;
import org.gags.scene.ColmapWriter;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyWriter;

/**
 * A large scene for pipeline benchmarks: a random cloud (SH degree 0) filling a ball around the
 * origin, seen by cameras on a slowly rising orbit whose distance swings between 1.6 and 3.2
 * times the ball's radius, with flat grey photos (the stages benchmarked never look at pixels).
 * Written in the scene layout the pipeline reads. Deterministic for a seed.
 */
public final class OrbitScene {
  private OrbitScene() {}

  public static void write(Path root, long seed, int gaussians, int views, int width, int height) throws IOException {
    GaussianCloud cloud = ball(seed, gaussians, 1.0);
    PlyWriter.write(root.resolve("point_cloud.ply"), cloud);
    double f = 0.5 * width / Math.tan(Math.toRadians(30));
    Map<Integer, ColmapCamera> cams = new LinkedHashMap<>();
    cams.put(1, new ColmapCamera(1, "PINHOLE", width, height, new double[] {f, f, width / 2.0, height / 2.0}));
    List<ColmapImage> images = new ArrayList<>();
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < views; i++) {
      double t = (double) i / views;
      double theta = 2 * Math.PI * t * 3;
      double dist = 1.6 + 1.6 * (0.5 + 0.5 * Math.cos(2 * Math.PI * t * 5));
      double[] eye = {dist * Math.cos(theta), dist * Math.sin(theta), -0.8 + 1.6 * t};
      Camera c = Camera.lookAt(eye, new double[] {0, 0, 0}, new double[] {0, 0, 1}, f, f, width, height);
      double[] q = Camera.quaternionFromRotation(c.rotation());
      double[] tr = c.translation();
      String name = String.format("frame_%05d.png", i + 1);
      images.add(new ColmapImage(i + 1, q[0], q[1], q[2], q[3], tr[0], tr[1], tr[2], 1, name));
      ImageFiles.writePng(root.resolve("images").resolve(name), grey);
    }
    ColmapWriter.writeText(root.resolve("sparse/0"), new ColmapModel(cams, images));
  }

  /** Gaussians uniform in a ball of the given radius; otherwise as {@link RandomScene}. */
  static GaussianCloud ball(long seed, int count, double radius) {
    GaussianCloud box = RandomScene.cloud(seed, count, 0, 1.0, 0.002);
    SplittableRandom rng = new SplittableRandom(seed ^ 0xBA11L);
    float[] pos = box.positions();
    for (int g = 0; g < count; g++) {
      double x, y, z;
      do {
        x = rng.nextDouble() * 2 - 1;
        y = rng.nextDouble() * 2 - 1;
        z = rng.nextDouble() * 2 - 1;
      } while (x * x + y * y + z * z > 1);
      pos[3 * g] = (float) (x * radius);
      pos[3 * g + 1] = (float) (y * radius);
      pos[3 * g + 2] = (float) (z * radius);
    }
    return box;
  }
}
