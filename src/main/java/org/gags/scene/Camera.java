package org.gags.scene;

/**
 * A pinhole camera: COLMAP world-to-camera pose (x' = R x + t, camera looks along +z, y down) and
 * intrinsics in pixels. {@code rotation} is row-major 3×3.
 */
public record Camera(
    double[] rotation, double[] translation, double fx, double fy, double cx, double cy, int width,
    int height) implements java.io.Serializable {

  public Camera {
    if (rotation == null || rotation.length != 9) {
      throw new IllegalArgumentException("rotation must be 9 values (row-major 3x3)");
    }
    if (translation == null || translation.length != 3) {
      throw new IllegalArgumentException("translation must be 3 values");
    }
    for (double v : rotation) {
      requireFinite("rotation", v);
    }
    for (double v : translation) {
      requireFinite("translation", v);
    }
    if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
      throw new IllegalArgumentException("focal lengths must be finite and > 0, found fx=" + fx + " fy=" + fy);
    }
    requireFinite("cx", cx);
    requireFinite("cy", cy);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be > 0, found " + width + "x" + height);
    }
    rotation = rotation.clone();
    translation = translation.clone();
  }

  private static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, found " + v);
    }
  }

  /** World-to-camera rotation from a COLMAP quaternion (qw, qx, qy, qz), normalised here. */
  public static double[] rotationFromQuaternion(double qw, double qx, double qy, double qz) {
    double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    if (!(n > 0) || !Double.isFinite(n)) {
      throw new IllegalArgumentException("quaternion has no direction: " + qw + "," + qx + "," + qy + "," + qz);
    }
    double w = qw / n, x = qx / n, y = qy / n, z = qz / n;
    return new double[] {
      1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
      2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
      2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)
    };
  }

  /** COLMAP quaternion (qw, qx, qy, qz) of a rotation matrix, with qw >= 0. */
  public static double[] quaternionFromRotation(double[] r) {
    double trace = r[0] + r[4] + r[8];
    double w, x, y, z;
    if (trace > 0) {
      double s = 0.5 / Math.sqrt(trace + 1.0);
      w = 0.25 / s;
      x = (r[7] - r[5]) * s;
      y = (r[2] - r[6]) * s;
      z = (r[3] - r[1]) * s;
    } else if (r[0] > r[4] && r[0] > r[8]) {
      double s = 2.0 * Math.sqrt(1.0 + r[0] - r[4] - r[8]);
      w = (r[7] - r[5]) / s;
      x = 0.25 * s;
      y = (r[1] + r[3]) / s;
      z = (r[2] + r[6]) / s;
    } else if (r[4] > r[8]) {
      double s = 2.0 * Math.sqrt(1.0 + r[4] - r[0] - r[8]);
      w = (r[2] - r[6]) / s;
      x = (r[1] + r[3]) / s;
      y = 0.25 * s;
      z = (r[5] + r[7]) / s;
    } else {
      double s = 2.0 * Math.sqrt(1.0 + r[8] - r[0] - r[4]);
      w = (r[3] - r[1]) / s;
      x = (r[2] + r[6]) / s;
      y = (r[5] + r[7]) / s;
      z = 0.25 * s;
    }
    double sign = w < 0 ? -1 : 1;
    return new double[] {w * sign, x * sign, y * sign, z * sign};
  }

  /** Camera centre in world coordinates, −Rᵀ t. */
  public double[] centre() {
    double[] r = rotation;
    double[] t = translation;
    return new double[] {
      -(r[0] * t[0] + r[3] * t[1] + r[6] * t[2]),
      -(r[1] * t[0] + r[4] * t[1] + r[7] * t[2]),
      -(r[2] * t[0] + r[5] * t[1] + r[8] * t[2])
    };
  }

  /** The same pose with the image scaled by {@code factor} (intrinsics scaled, size rounded). */
  public Camera scaled(double factor) {
    int w = Math.max(1, (int) Math.round(width * factor));
    int h = Math.max(1, (int) Math.round(height * factor));
    return new Camera(rotation, translation, fx * w / width, fy * h / height, cx * w / width, cy * h / height, w, h);
  }

  /**
   * The same pose and fields of view at another image size: focal lengths and principal point scale
   * with the size per axis (the reference's loadCam keeps FoVx and FoVy; an image-centre principal
   * point stays at the centre).
   */
  public Camera resized(int newWidth, int newHeight) {
    if (newWidth <= 0 || newHeight <= 0) {
      throw new IllegalArgumentException("image size must be > 0, found " + newWidth + "x" + newHeight);
    }
    double sx = (double) newWidth / width;
    double sy = (double) newHeight / height;
    return new Camera(rotation, translation, fx * sx, fy * sy, cx * sx, cy * sy, newWidth, newHeight);
  }

  /** A camera at {@code eye} looking at {@code target} with world {@code up}, image y pointing down. */
  public static Camera lookAt(
      double[] eye, double[] target, double[] up, double fx, double fy, int width, int height) {
    double[] f = normalise(sub(target, eye));
    double[] right = normalise(cross(f, up));
    double[] down = cross(f, right);
    double[] r = {right[0], right[1], right[2], down[0], down[1], down[2], f[0], f[1], f[2]};
    double[] t = {
      -(r[0] * eye[0] + r[1] * eye[1] + r[2] * eye[2]),
      -(r[3] * eye[0] + r[4] * eye[1] + r[5] * eye[2]),
      -(r[6] * eye[0] + r[7] * eye[1] + r[8] * eye[2])
    };
    return new Camera(r, t, fx, fy, width / 2.0, height / 2.0, width, height);
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] normalise(double[] a) {
    double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    if (!(n > 0)) {
      throw new IllegalArgumentException("degenerate look-at: zero-length direction");
    }
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
