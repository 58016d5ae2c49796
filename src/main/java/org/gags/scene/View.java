package org.gags.scene;

/**
 * One registered photo of a scene: its position in name order, its image file name, the camera
 * and where the image lives (a path or Hadoop URI string).
 */
public record View(int index, String name, Camera camera, String imageUri) implements java.io.Serializable {
  public View {
    if (index < 0) {
      throw new IllegalArgumentException("view index must be >= 0, found " + index);
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("view name must not be empty");
    }
    if (camera == null) {
      throw new IllegalArgumentException("view " + name + " has no camera");
    }
  }
}
