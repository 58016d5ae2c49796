package org.gags.scene;

import java.util.Arrays;
import java.util.Objects;

/**
 * One annotated object of a LERF-OVS label file: its category (the text query), its polygon as
 * {@code [k][2]} pixel points (x, y) with k ≥ 3, and its box {@code x1, y1, x2, y2}. Arrays are
 * copied in and out.
 */
public record LabelObject(String category, double[][] polygon, double[] bbox) {
  public LabelObject {
    if (category == null || category.isEmpty()) {
      throw new IllegalArgumentException("label object has no category");
    }
    if (polygon == null || polygon.length < 3) {
      throw new IllegalArgumentException(
          category
              + ": polygon needs at least 3 points, found "
              + (polygon == null ? 0 : polygon.length));
    }
    double[][] copy = new double[polygon.length][];
    for (int k = 0; k < polygon.length; k++) {
      if (polygon[k] == null || polygon[k].length != 2) {
        throw new IllegalArgumentException(
            category + ": polygon point " + k + " must be 2 values (x, y)");
      }
      requireFinite(category, "polygon point " + k, polygon[k]);
      copy[k] = polygon[k].clone();
    }
    if (bbox == null || bbox.length != 4) {
      throw new IllegalArgumentException(category + ": bbox must be 4 values (x1, y1, x2, y2)");
    }
    requireFinite(category, "bbox", bbox);
    polygon = copy;
    bbox = bbox.clone();
  }

  private static void requireFinite(String category, String what, double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(category + ": " + what + " must be finite, found " + v);
      }
    }
  }

  /** A copy of the polygon points, {@code [k][2]}. */
  @Override
  public double[][] polygon() {
    double[][] copy = new double[polygon.length][];
    for (int k = 0; k < polygon.length; k++) {
      copy[k] = polygon[k].clone();
    }
    return copy;
  }

  /** A copy of the box, x1, y1, x2, y2. */
  @Override
  public double[] bbox() {
    return bbox.clone();
  }

  /** Area enclosed by the polygon (shoelace formula, absolute value). */
  public double area() {
    double twice = 0;
    for (int k = 0; k < polygon.length; k++) {
      double[] a = polygon[k];
      double[] b = polygon[(k + 1) % polygon.length];
      twice += a[0] * b[1] - b[0] * a[1];
    }
    return Math.abs(twice) / 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelObject other
        && category.equals(other.category)
        && Arrays.deepEquals(polygon, other.polygon)
        && Arrays.equals(bbox, other.bbox);
  }

  @Override
  public int hashCode() {
    return Objects.hash(category, Arrays.deepHashCode(polygon), Arrays.hashCode(bbox));
  }

  @Override
  public String toString() {
    return String.format(
        "LabelObject[%s, %d points, bbox=%s]", category, polygon.length, Arrays.toString(bbox));
  }
}
