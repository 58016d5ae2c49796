package org.gags.scene;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cameras (by id) and registered images (in file order) of a COLMAP sparse model. */
public record ColmapModel(Map<Integer, ColmapCamera> cameras, List<ColmapImage> images) {
  public ColmapModel {
    for (Map.Entry<Integer, ColmapCamera> e : cameras.entrySet()) {
      if (e.getKey() != e.getValue().id()) {
        throw new IllegalArgumentException(
            "camera map key " + e.getKey() + " differs from the camera's id " + e.getValue().id());
      }
    }
    cameras = Collections.unmodifiableMap(new TreeMap<>(cameras));
    images = List.copyOf(images);
  }
}
