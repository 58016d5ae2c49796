package org.gags.synth;

import java.util.ArrayList;
import java.util.List;
import org.gags.render.Rasterizer;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;

/**
 * Ground truth of the sample scene per view: renders, for every entity, the share of each pixel
 * that its Gaussians (and its descendants') make up, takes pixels over one half as its mask, and
 * traces the masks into LERF-OVS polygons and boxes.
 */
public final class SceneLabels {
  private SceneLabels() {}

  /**
   * Per-Gaussian membership rows: value 1 at column e when the Gaussian belongs to entity e or to
   * one of e's descendants.
   */
  public static float[] membership(int[] gaussianEntity, List<Entity> entities) {
    int m = entities.size();
    float[] f = new float[gaussianEntity.length * m];
    for (int g = 0; g < gaussianEntity.length; g++) {
      for (int e = gaussianEntity[g]; e >= 0; e = entities.get(e).parent()) {
        f[g * m + e] = 1f;
      }
    }
    return f;
  }

  /** Row-major id map of the most specific entity covering each pixel (−1 where none does). */
  public static int[] idMap(float[] coverage, List<Entity> entities, int pixels) {
    int m = entities.size();
    int[] ids = new int[pixels];
    for (int p = 0; p < pixels; p++) {
      int best = -1;
      int bestDepth = -1;
      for (int e = 0; e < m; e++) {
        if (coverage[p * m + e] > 0.5f) {
          int depth = 0;
          for (int a = entities.get(e).parent(); a >= 0; a = entities.get(a).parent()) {
            depth++;
          }
          if (depth > bestDepth) {
            best = e;
            bestDepth = depth;
          }
        }
      }
      ids[p] = best;
    }
    return ids;
  }

  /** Per pixel, per entity, the share of the pixel its Gaussians make up: width·height·m floats, row-major. */
  public static float[] coverage(GaussianCloud cloud, Camera cam, float[] membership, int m, RenderSettings s) {
    return Rasterizer.renderFeatures(cloud, cam, membership, m, s);
  }

  static LabelFile labels(String imageName, float[] coverage, List<Entity> entities, int w, int h, int minPixels) {
    int m = entities.size();
    List<LabelObject> objects = new ArrayList<>();
    for (Entity e : entities) {
      boolean[] mask = new boolean[w * h];
      int area = 0;
      for (int p = 0; p < w * h; p++) {
        if (coverage[p * m + e.id()] > 0.5f) {
          mask[p] = true;
          area++;
        }
      }
      if (area < minPixels) {
        continue;
      }
      for (int[][] poly : MaskPolygons.trace(mask, w, h, Math.max(4, minPixels / 4))) {
        int[][] simple = MaskPolygons.simplify(poly, 0.7);
        if (simple.length < 3) {
          continue;
        }
        double[][] pts = new double[simple.length][];
        for (int k = 0; k < simple.length; k++) {
          pts[k] = new double[] {simple[k][0], simple[k][1]};
        }
        objects.add(new LabelObject(e.query(), pts, MaskPolygons.bounds(pts)));
      }
    }
    return new LabelFile(imageName, w, h, objects);
  }
}
