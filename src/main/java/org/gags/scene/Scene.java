package org.gags.scene;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A located scene folder, as {@link SceneLoader} finds it: its views ordered by image name (view
 * {@code i} has index {@code i}), the trained Gaussians' PLY file (not read; use {@link PlyReader})
 * and its LERF-OVS label files keyed by file-name stem ({@code label/frame_00066.json} → {@code
 * "frame_00066"}), sorted. The view a label belongs to is {@link LabelFile#frameIndex()} of the
 * file once read.
 */
public record Scene(Path root, List<View> views, Path plyFile, Map<String, Path> labelFiles) {
  public Scene {
    if (root == null || plyFile == null) {
      throw new IllegalArgumentException("scene root and PLY file must be given");
    }
    views = List.copyOf(views);
    for (int i = 0; i < views.size(); i++) {
      if (views.get(i).index() != i) {
        throw new IllegalArgumentException(
            String.format(
                "view %s has index %d, expected %d", views.get(i).name(), views.get(i).index(), i));
      }
    }
    labelFiles = Collections.unmodifiableMap(new TreeMap<>(labelFiles));
  }
}
