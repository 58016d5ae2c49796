package org.gags.scene;

/**
 * COLMAP's camera models with their ids (as stored in {@code cameras.bin}) and parameter counts, so
 * that any COLMAP model can be parsed; {@link #isPinholeLike()} tells which ones the scene loader
 * accepts.
 */
public enum ColmapCameraModel {
  SIMPLE_PINHOLE(0, 3),
  PINHOLE(1, 4),
  SIMPLE_RADIAL(2, 4),
  RADIAL(3, 5),
  OPENCV(4, 8),
  OPENCV_FISHEYE(5, 8),
  FULL_OPENCV(6, 12),
  FOV(7, 5),
  SIMPLE_RADIAL_FISHEYE(8, 4),
  RADIAL_FISHEYE(9, 5),
  THIN_PRISM_FISHEYE(10, 12);

  private final int id;
  private final int paramCount;

  ColmapCameraModel(int id, int paramCount) {
    this.id = id;
    this.paramCount = paramCount;
  }

  /** The model id COLMAP's binary format stores. */
  public int id() {
    return id;
  }

  /** Number of parameters the model has (focal lengths, principal point, distortion). */
  public int paramCount() {
    return paramCount;
  }

  /**
   * True for the models whose first parameters are a pinhole's (SIMPLE_PINHOLE, PINHOLE,
   * SIMPLE_RADIAL); the loader uses those and ignores SIMPLE_RADIAL's distortion, as the reference
   * does.
   */
  public boolean isPinholeLike() {
    return this == SIMPLE_PINHOLE || this == PINHOLE || this == SIMPLE_RADIAL;
  }

  /** The model with binary id {@code id}, or null. */
  public static ColmapCameraModel byId(int id) {
    for (ColmapCameraModel m : values()) {
      if (m.id == id) {
        return m;
      }
    }
    return null;
  }

  /** The model called {@code name} in text files (for example PINHOLE), or null. */
  public static ColmapCameraModel byName(String name) {
    for (ColmapCameraModel m : values()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
