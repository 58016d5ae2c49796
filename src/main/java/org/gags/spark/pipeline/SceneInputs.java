package org.gags.spark.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns {@code --scenes} arguments into scenes: a scene folder (it has {@code sparse/}), a parent
 * folder whose sub-folders are scenes, or a text file listing scene folders (one per line, {@code #}
 * comments). Local paths and {@code file:} URIs; scene ids are folder names with characters other
 * than letters, digits, '.', '_' and '-' replaced by '_', and must be unique.
 */
public final class SceneInputs {
  private SceneInputs() {}

  public static List<SceneRef> resolve(List<String> args) {
    Map<String, SceneRef> byId = new LinkedHashMap<>();
    for (String arg : args) {
      for (Path folder : expand(arg)) {
        String id = idOf(folder);
        SceneRef prev = byId.putIfAbsent(id, new SceneRef(id, folder.toAbsolutePath().normalize().toString()));
        if (prev != null && !prev.folder().equals(folder.toAbsolutePath().normalize().toString())) {
          throw new IllegalArgumentException("--scenes: two scenes would have the id " + id + ": " + prev.folder()
              + " and " + folder.toAbsolutePath().normalize() + " (rename one folder)");
        }
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalArgumentException("--scenes: no scene found in " + args);
    }
    return List.copyOf(byId.values());
  }

  static String idOf(Path folder) {
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static List<Path> expand(String arg) {
    Path p = localPath(arg);
    if (Files.isRegularFile(p)) {
      List<Path> out = new ArrayList<>();
      try {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          Path scene = localPath(line);
          if (!scene.isAbsolute()) {
            scene = p.toAbsolutePath().getParent().resolve(scene);
          }
          out.add(scene);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("--scenes " + arg + ": cannot read the list: " + e.getMessage(), e);
      }
      return out;
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("--scenes " + arg + ": expected a scene folder, a folder of scenes or a list file, found nothing there");
    }
    if (Files.isDirectory(p.resolve("sparse"))) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.list(p)) {
      List<Path> scenes = s.filter(d -> Files.isDirectory(d.resolve("sparse"))).sorted().toList();
      if (scenes.isEmpty()) {
        throw new IllegalArgumentException("--scenes " + arg + ": expected a scene folder (with sparse/) or sub-folders that are scenes, found neither");
      }
      return scenes;
    } catch (IOException e) {
      throw new UncheckedIOException("--scenes " + arg + ": " + e.getMessage(), e);
    }
  }

  private static Path localPath(String arg) {
    if (arg.startsWith("file:")) {
      return Path.of(URI.create(arg));
    }
    if (arg.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("--scenes " + arg + ": scenes are read from local paths or file: URIs in this"
          + " version; copy or mount the scene locally (outputs may go to any Hadoop URI)");
    }
    return Path.of(arg);
  }
}
