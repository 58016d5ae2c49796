package org.gags.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gags.scene.Camera;

/**
 * The sample scene's camera path: an orbit whose distance swings three times between a close-up
 * of one object (about 0.25 units away) and an overview of the whole table (about 1.3 away), so
 * the same object is seen at very different scales across views. Close-ups visit the objects in
 * turn. Cameras never enter an object.
 */
final class CameraPath {
  private CameraPath() {}

  static List<Camera> cameras(SynthConfig cfg, List<Entity> objects) {
    SplittableRandom rng = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
    double f = 0.5 * cfg.width() / Math.tan(Math.toRadians(cfg.fovDegrees() / 2));
    double[] tableCentre = {0, 0, 0.05};
    List<Camera> out = new ArrayList<>();
    for (int i = 0; i < cfg.views(); i++) {
      double theta = 2 * Math.PI * i / cfg.views() + 0.3 + (rng.nextDouble() - 0.5) * 0.1;
      double far = 0.5 + 0.5 * Math.cos(3 * 2 * Math.PI * i / cfg.views()); // 1 = overview, 0 = close-up
      Entity obj = objects.get((int) ((long) i * objects.size() / cfg.views()));
      double[] target = new double[3];
      for (int d = 0; d < 3; d++) {
        target[d] = obj.centre()[d] + far * (tableCentre[d] - obj.centre()[d]);
      }
      double dist = 0.24 + 1.1 * far + (rng.nextDouble() - 0.5) * 0.04;
      double height = 0.14 + 0.6 * far;
      double[] eye = {target[0] + dist * Math.cos(theta), target[1] + dist * Math.sin(theta), target[2] + height};
      for (Entity o : objects) {
        double dx = eye[0] - o.centre()[0], dy = eye[1] - o.centre()[1];
        if (dx * dx + dy * dy < 0.15 * 0.15 && eye[2] < 0.35) {
          eye[2] = 0.35;
        }
      }
      out.add(Camera.lookAt(eye, target, new double[] {0, 0, 1}, f, f, cfg.width(), cfg.height()));
    }
    return out;
  }
}
