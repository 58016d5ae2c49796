package org.gags.scene;

import java.nio.file.Path;

/** Checks shared by the COLMAP binary and text readers. */
final class ColmapValues {
  private ColmapValues() {}

  static void requireFinite(Path file, String location, double value) {
    if (!Double.isFinite(value)) {
      throw new SceneFormatException(
          file.toString(), location, "a finite number", Double.toString(value));
    }
  }
}
