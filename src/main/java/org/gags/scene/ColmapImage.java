package org.gags.scene;

/**
 * One registered COLMAP image: its id, world-to-camera rotation as a quaternion (qw, qx, qy, qz),
 * translation, the id of its camera and its file name relative to the images folder. The 2D points
 * are not kept.
 */
public record ColmapImage(
    int id,
    double qw,
    double qx,
    double qy,
    double qz,
    double tx,
    double ty,
    double tz,
    int cameraId,
    String name) {
  public ColmapImage {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("image " + id + " has no name");
    }
  }

  /** Row-major world-to-camera rotation from the (normalised) quaternion. */
  public double[] rotation() {
    return Camera.rotationFromQuaternion(qw, qx, qy, qz);
  }

  public double[] translation() {
    return new double[] {tx, ty, tz};
  }
}
