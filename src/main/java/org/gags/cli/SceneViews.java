package org.gags.cli;

import java.util.List;
import org.gags.scene.Scene;
import org.gags.scene.View;
import picocli.CommandLine;

/** Finds a view by 0-based index (name order) or by image name, with or without extension. */
final class SceneViews {
  private SceneViews() {}

  static View find(Scene scene, String key, CommandLine cmd) {
    List<View> views = scene.views();
    if (key.matches("\\d+")) {
      int i = Integer.parseInt(key);
      if (i >= views.size()) {
        throw new CommandLine.ParameterException(cmd,
            "--view " + key + ": the scene has views 0.." + (views.size() - 1) + " (" + views.size() + " views)");
      }
      return views.get(i);
    }
    for (View v : views) {
      if (v.name().equals(key) || stripExtension(v.name()).equals(key)) {
        return v;
      }
    }
    throw new CommandLine.ParameterException(cmd,
        "--view " + key + ": no view of that name in " + scene.root() + " (first: " + views.get(0).name()
            + ", last: " + views.get(views.size() - 1).name() + ")");
  }

  static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
