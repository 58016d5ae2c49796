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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.gags.spark.SceneStaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code --scenes} arguments into scenes: a scene folder (it has {@code sparse/}), a parent
 * folder whose sub-folders are scenes, or a text file listing scene folders (one per line, {@code #}
 * comments). In a parent folder that holds at least one scene, every sub-folder is taken as a scene
 * except hidden ones (names starting with '.' or '_', logged): one that is not a scene fails in the
 * scan stage with its reason, by name, instead of being skipped. Local paths, {@code file:} URIs and any Hadoop URI (hdfs://, s3a://: remote scenes are
 * staged locally where they are read, see {@link SceneStaging}); scene ids are folder names with
 * characters other than letters, digits, '.', '_' and '-' replaced by '_', and must be unique.
 */
public final class SceneInputs {
  private static final Logger LOG = LoggerFactory.getLogger(SceneInputs.class);
  private SceneInputs() {}

  public static List<SceneRef> resolve(List<String> args) {
    return resolve(args, Map.of());
  }

  /** As {@link #resolve(List)}, with the file-system settings that open remote URIs. */
  public static List<SceneRef> resolve(List<String> args, Map<String, String> fsSettings) {
    Map<String, SceneRef> byId = new LinkedHashMap<>();
    for (String arg : args) {
      if (SceneStaging.isRemote(arg)) {
        for (String uri : expandRemote(arg, fsSettings)) {
          add(byId, safeId(new org.apache.hadoop.fs.Path(uri).getName()), uri);
        }
        continue;
      }
      for (Path folder : expand(arg)) {
        add(byId, idOf(folder), folder.toAbsolutePath().normalize().toString());
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalArgumentException("--scenes: no scene found in " + args);
    }
    return List.copyOf(byId.values());
  }

  /** Adds a scene, refusing two different folders that would share an id. */
  private static void add(Map<String, SceneRef> byId, String id, String folder) {
    SceneRef prev = byId.putIfAbsent(id, new SceneRef(id, folder));
    if (prev != null && !prev.folder().equals(folder)) {
      throw new IllegalArgumentException("--scenes: two scenes would have the id " + id + ": " + prev.folder()
          + " and " + folder + " (rename one folder)");
    }
  }

  static String idOf(Path folder) {
    return safeId(folder.toAbsolutePath().normalize().getFileName().toString());
  }

  private static String safeId(String name) {
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
      List<Path> folders = new ArrayList<>();
      for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
        if (hidden(d.getFileName().toString())) {
          LOG.info("--scenes {}: {} is hidden (its name starts with '.' or '_'), not a scene", arg, d.getFileName());
        } else {
          folders.add(d);
        }
      }
      requireSomeScene(arg, folders.stream().map(d -> d.getFileName().toString()).toList(),
          folders.stream().anyMatch(d -> Files.isDirectory(d.resolve("sparse"))));
      return folders;
    } catch (IOException e) {
      throw new UncheckedIOException("--scenes " + arg + ": " + e.getMessage(), e);
    }
  }

  /** Hidden by the Hadoop convention (names starting with '.' or '_'), like {@code .git} or {@code _gags}. */
  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * A folder of scenes must hold at least one scene; then every other sub-folder is passed on as a
   * scene too, so that the scan stage reports it by name with what it lacks (a failure of its own),
   * rather than skipping it silently.
   */
  private static void requireSomeScene(String arg, List<String> folders, boolean anyScene) {
    if (!anyScene) {
      throw new IllegalArgumentException("--scenes " + arg + ": expected a scene folder (with sparse/) or sub-folders"
          + " that are scenes, found neither" + (folders.isEmpty() ? " (no sub-folders)"
              : " (sub-folders without sparse/: " + String.join(", ", folders.subList(0, Math.min(8, folders.size())))
                  + (folders.size() > 8 ? ", ..." : "") + ")"));
    }
  }

  private static Path localPath(String arg) {
    return arg.startsWith("file:") ? Path.of(URI.create(arg)) : Path.of(arg);
  }

  /** Scene folders behind a Hadoop URI: the folder itself, its sub-folders that are scenes, or a list file's lines. */
  private static List<String> expandRemote(String arg, Map<String, String> fsSettings) {
    Configuration conf = new Configuration();
    fsSettings.forEach(conf::set);
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(arg);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException("--scenes " + arg + ": expected a scene folder, a folder of scenes or a list file, found nothing there");
      }
      if (fs.getFileStatus(p).isFile()) {
        List<String> out = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            line = line.trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
              out.add(line.contains("://") ? line : new org.apache.hadoop.fs.Path(p.getParent(), line).toString());
            }
          }
        }
        return out;
      }
      if (fs.exists(new org.apache.hadoop.fs.Path(p, "sparse"))) {
        return List.of(p.toString());
      }
      List<String> folders = new ArrayList<>();
      List<String> names = new ArrayList<>();
      boolean anyScene = false;
      for (FileStatus st : fs.listStatus(p)) {
        if (st.isDirectory() && hidden(st.getPath().getName())) {
          LOG.info("--scenes {}: {} is hidden (its name starts with '.' or '_'), not a scene", arg, st.getPath().getName());
        } else if (st.isDirectory()) {
          folders.add(st.getPath().toString());
          names.add(st.getPath().getName());
          anyScene |= fs.exists(new org.apache.hadoop.fs.Path(st.getPath(), "sparse"));
        }
      }
      requireSomeScene(arg, names, anyScene);
      folders.sort(String::compareTo);
      return folders;
    } catch (IOException e) {
      throw new UncheckedIOException("--scenes " + arg + ": " + e.getMessage(), e);
    }
  }
}
