package org.gags.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Locates and checks a scene folder and builds its views. A scene folder holds {@code images/},
 * {@code sparse/0/} (COLMAP, binary or text), the trained Gaussians as {@code point_cloud.ply} or
 * in the INRIA layout {@code point_cloud/iteration_N/point_cloud.ply}, and optionally {@code
 * label/*.json} (LERF-OVS labels).
 *
 * <p>Views are ordered by image name; each one's camera comes from its COLMAP pose and intrinsics
 * (SIMPLE_PINHOLE, PINHOLE or SIMPLE_RADIAL, distortion ignored; any other model is refused), with
 * the principal point chosen by a {@link PrincipalPoint} policy. Every image must exist, have a
 * whole PNG or JPEG layout ({@link ImageLayout}) and its camera's size (only the header is read,
 * no pixel is decoded). The PLY is located, not read; {@link SceneCheck} checks it and the labels.
 *
 * <p>Problems are {@link SceneFormatException}s naming the file or folder looked for.
 */
public final class SceneLoader {
  private static final Pattern ITERATION = Pattern.compile("iteration_(\\d+)");

  private SceneLoader() {}

  /** {@link #load(Path, PrincipalPoint)} with the principal point at the image centre. */
  public static Scene load(Path sceneDir) {
    return load(sceneDir, PrincipalPoint.IMAGE_CENTRE);
  }

  public static Scene load(Path sceneDir, PrincipalPoint policy) {
    if (!Files.isDirectory(sceneDir)) {
      throw new SceneFormatException(
          sceneDir.toString(),
          "scene folder",
          "a folder",
          Files.exists(sceneDir) ? "a file" : "nothing there");
    }
    requireSceneLayout(sceneDir);
    Path images = requireFolder(sceneDir, "images");
    Path sparse = requireFolder(sceneDir, "sparse/0");
    Path ply = locatePly(sceneDir);
    ColmapFiles colmapFiles = ColmapFiles.locate(sparse);
    ColmapModel model = ColmapReader.read(colmapFiles);
    List<View> views = buildViews(sceneDir, images, colmapFiles, model, policy);
    return new Scene(sceneDir, views, ply, labelFiles(sceneDir.resolve("label")));
  }

  /**
   * Refuses a folder with neither {@code images/} nor {@code sparse/}: not a scene at all (an empty
   * folder, or another kind of folder in a collection), naming what it holds.
   */
  private static void requireSceneLayout(Path sceneDir) {
    if (Files.isDirectory(sceneDir.resolve("images")) || Files.isDirectory(sceneDir.resolve("sparse"))) {
      return;
    }
    List<String> entries;
    try (Stream<Path> children = Files.list(sceneDir)) {
      entries = children.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + sceneDir, e);
    }
    String found = entries.isEmpty() ? "an empty folder"
        : "a folder holding " + String.join(", ", entries.subList(0, Math.min(entries.size(), 8)))
            + (entries.size() > 8 ? ", ... (" + entries.size() + " entries)" : "");
    throw new SceneFormatException(
        sceneDir.toString(),
        "scene folder",
        "a scene: images/, sparse/0/ (COLMAP) and point_cloud.ply or point_cloud/iteration_N/point_cloud.ply",
        found);
  }

  private static Path requireFolder(Path sceneDir, String name) {
    Path dir = sceneDir.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new SceneFormatException(
          dir.toString(), "scene folder " + sceneDir, "a folder " + name + "/", "nothing there");
    }
    return dir;
  }

  /**
   * {@code point_cloud.ply} at the top of the scene when present, else the INRIA layout's {@code
   * point_cloud/iteration_N/point_cloud.ply} with the highest N (compared as numbers) among the
   * iteration folders that hold the file.
   */
  static Path locatePly(Path sceneDir) {
    Path flat = sceneDir.resolve("point_cloud.ply");
    if (Files.isRegularFile(flat)) {
      return flat;
    }
    Path iterations = sceneDir.resolve("point_cloud");
    Path best = null;
    long bestIteration = -1;
    if (Files.isDirectory(iterations)) {
      try (Stream<Path> children = Files.list(iterations)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          Matcher m = ITERATION.matcher(child.getFileName().toString());
          Path candidate = child.resolve("point_cloud.ply");
          if (m.matches() && m.group(1).length() <= 18 && Files.isRegularFile(candidate)) {
            long iteration = Long.parseLong(m.group(1));
            if (iteration > bestIteration) {
              bestIteration = iteration;
              best = candidate;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not list " + iterations, e);
      }
    }
    if (best == null) {
      throw new SceneFormatException(
          sceneDir.toString(),
          "scene folder",
          "point_cloud.ply or point_cloud/iteration_N/point_cloud.ply",
          "neither");
    }
    return best;
  }

  private static List<View> buildViews(
      Path sceneDir, Path imagesDir, ColmapFiles files, ColmapModel model, PrincipalPoint policy) {
    List<ColmapImage> sorted = new ArrayList<>(model.images());
    sorted.sort(Comparator.comparing(ColmapImage::name));
    String camerasFile = sceneDir.relativize(files.cameras()).toString();
    List<View> views = new ArrayList<>(sorted.size());
    Path imagesRoot = imagesDir.toAbsolutePath().normalize();
    for (ColmapImage image : sorted) {
      ColmapCamera colmap = model.cameras().get(image.cameraId());
      Camera camera =
          camera(files.cameras().toString(), files.images().toString(), image, colmap, policy);
      Path imageFile = imagesDir.resolve(image.name());
      String shown = sceneDir.relativize(imageFile).toString();
      if (!imageFile.toAbsolutePath().normalize().startsWith(imagesRoot)) {
        throw new SceneFormatException(
            files.images().toString(),
            "image " + image.id(),
            "a name inside images/",
            "'" + image.name() + "'");
      }
      if (!Files.isRegularFile(imageFile)) {
        throw new SceneFormatException(
            imageFile.toString(),
            "image " + image.id() + " of " + sceneDir.relativize(files.images()),
            "an image file " + shown,
            "nothing there");
      }
      ImageHeader size = ImageHeader.read(imageFile);
      if (size.width() != colmap.width() || size.height() != colmap.height()) {
        throw new SceneFormatException(
            imageFile.toString(),
            "image size",
            String.format(
                "%dx%d (camera %d in %s)",
                colmap.width(), colmap.height(), colmap.id(), camerasFile),
            size.width() + "x" + size.height());
      }
      views.add(
          new View(
              views.size(), image.name(), camera, imageFile.toAbsolutePath().toUri().toString()));
    }
    return views;
  }

  private static Camera camera(
      String camerasFile,
      String imagesFile,
      ColmapImage image,
      ColmapCamera colmap,
      PrincipalPoint policy) {
    ColmapCameraModel type = colmap.cameraModel();
    if (!type.isPinholeLike()) {
      throw new SceneFormatException(
          camerasFile,
          "camera " + colmap.id() + " (used by " + image.name() + ")",
          "camera model SIMPLE_PINHOLE, PINHOLE or SIMPLE_RADIAL",
          type.name());
    }
    double[] p = colmap.params();
    boolean oneFocal = type != ColmapCameraModel.PINHOLE;
    double fx = p[0];
    double fy = oneFocal ? p[0] : p[1];
    double cx = policy == PrincipalPoint.COLMAP ? p[oneFocal ? 1 : 2] : colmap.width() / 2.0;
    double cy = policy == PrincipalPoint.COLMAP ? p[oneFocal ? 2 : 3] : colmap.height() / 2.0;
    if (!(fx > 0) || !(fy > 0)) {
      throw new SceneFormatException(
          camerasFile, "camera " + colmap.id(), "focal lengths > 0", "fx=" + fx + ", fy=" + fy);
    }
    double[] rotation;
    try {
      rotation = image.rotation();
    } catch (IllegalArgumentException e) {
      throw new SceneFormatException(
          imagesFile,
          "image " + image.id() + " (" + image.name() + ")",
          "a non-zero rotation quaternion",
          e.getMessage(),
          e);
    }
    return new Camera(
        rotation, image.translation(), fx, fy, cx, cy, colmap.width(), colmap.height());
  }

  /**
   * The {@code *.json} files directly in {@code labelDir} by file-name stem; empty without the
   * folder.
   */
  private static Map<String, Path> labelFiles(Path labelDir) {
    Map<String, Path> labels = new TreeMap<>();
    if (!Files.isDirectory(labelDir)) {
      return labels;
    }
    try (Stream<Path> children = Files.list(labelDir)) {
      children
          .filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
          .forEach(
              p -> {
                String name = p.getFileName().toString();
                labels.put(name.substring(0, name.length() - ".json".length()), p);
              });
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + labelDir, e);
    }
    return labels;
  }
}
