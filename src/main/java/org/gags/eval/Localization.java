package org.gags.eval;

import java.util.ArrayList;
import java.util.List;
import org.gags.scene.LabelObject;

/**
 * The protocol's localisation test (METHOD.md section 4): the candidates are every pixel tied at
 * the maximum of box30 of the raw relevancy, and a query is a hit when any candidate lies in any
 * ground-truth box of its category, bounds included.
 */
public final class Localization {
  private Localization() {}

  /** Every pixel whose value equals the map's maximum (float32 equality), in row-major order. */
  public static List<Pixel> candidates(float[] smoothed, int width, int height) {
    BoxFilter.requireSize(smoothed, width, height);
    float max = Float.NEGATIVE_INFINITY;
    for (float a : smoothed) {
      max = Math.max(max, a);
    }
    List<Pixel> out = new ArrayList<>();
    for (int i = 0; i < smoothed.length; i++) {
      if (smoothed[i] == max) {
        out.add(new Pixel(i % width, i / width));
      }
    }
    return out;
  }

  /**
   * Whether any candidate lies in any box {@code x1, y1, x2, y2}: {@code min(x1,x2) <= x <=
   * max(x1,x2)} and the same for y.
   */
  public static boolean hit(List<Pixel> candidates, List<double[]> boxes) {
    for (double[] b : boxes) {
      double xMin = Math.min(b[0], b[2]);
      double xMax = Math.max(b[0], b[2]);
      double yMin = Math.min(b[1], b[3]);
      double yMax = Math.max(b[1], b[3]);
      for (Pixel p : candidates) {
        if (p.x() >= xMin && p.x() <= xMax && p.y() >= yMin && p.y() <= yMax) {
          return true;
        }
      }
    }
    return false;
  }

  /** The boxes of a category's objects, in file order. */
  public static List<double[]> boxes(List<LabelObject> objects) {
    List<double[]> out = new ArrayList<>(objects.size());
    for (LabelObject o : objects) {
      out.add(o.bbox());
    }
    return out;
  }
}
