package org.gags.scene;

import java.util.Arrays;
import java.util.Objects;

/**
 * One COLMAP camera (intrinsics shared by images): its id, model name (for example PINHOLE), image
 * size in pixels and the model's parameters in COLMAP's order (PINHOLE: fx, fy, cx, cy).
 */
public record ColmapCamera(int id, String model, int width, int height, double[] params) {
  public ColmapCamera {
    ColmapCameraModel type = ColmapCameraModel.byName(model);
    if (type == null) {
      throw new IllegalArgumentException("camera " + id + ": unknown COLMAP camera model '" + model + "'");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("camera " + id + ": image size must be > 0, found " + width + "x" + height);
    }
    if (params == null || params.length != type.paramCount()) {
      throw new IllegalArgumentException(
          "camera " + id + ": model " + model + " has " + type.paramCount() + " parameters, found "
              + (params == null ? "none" : Integer.toString(params.length)));
    }
    params = params.clone();
  }

  /** The model as an enum value. */
  public ColmapCameraModel cameraModel() {
    return ColmapCameraModel.byName(model);
  }

  /** A copy of the parameters. */
  @Override
  public double[] params() {
    return params.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColmapCamera c
        && id == c.id
        && model.equals(c.model)
        && width == c.width
        && height == c.height
        && Arrays.equals(params, c.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, model, width, height, Arrays.hashCode(params));
  }

  @Override
  public String toString() {
    return "ColmapCamera[id=" + id + ", model=" + model + ", " + width + "x" + height + ", params="
        + Arrays.toString(params) + "]";
  }
}
