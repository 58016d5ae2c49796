package org.gags.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the cameras and images of a COLMAP sparse model folder (for example {@code sparse/0}),
 * binary when {@code cameras.bin} and {@code images.bin} are there, else text (see {@link
 * ColmapFiles}). {@code points3D} is not read. Every camera model COLMAP knows is parsed; which
 * ones a scene may use is the {@link SceneLoader}'s decision.
 *
 * <p>Bad content is a {@link SceneFormatException} naming the file and the byte offset (binary) or
 * line (text): truncated files, unknown models, wrong parameter counts, non-finite values,
 * duplicate ids or names, an image whose camera id has no camera, a model without cameras or
 * images. A file system failure is an
 * {@link UncheckedIOException}.
 */
public final class ColmapReader {
  private ColmapReader() {}

  public static ColmapModel read(Path sparseDir) {
    return read(ColmapFiles.locate(sparseDir));
  }

  public static ColmapModel read(ColmapFiles files) {
    Map<Integer, ColmapCamera> cameras;
    List<ColmapImage> images;
    try {
      cameras =
          files.binary()
              ? ColmapBinaryReader.readCameras(files.cameras())
              : ColmapTextReader.readCameras(files.cameras());
      images =
          files.binary()
              ? ColmapBinaryReader.readImages(files.images())
              : ColmapTextReader.readImages(files.images());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read COLMAP model " + files.cameras().getParent() + ": " + e.getMessage(), e);
    }
    checkImages(files, cameras, images);
    return new ColmapModel(cameras, images);
  }

  private static void checkImages(
      ColmapFiles files, Map<Integer, ColmapCamera> cameras, List<ColmapImage> images) {
    if (cameras.isEmpty()) {
      throw new SceneFormatException(files.cameras().toString(), "cameras", "at least one camera", "none");
    }
    if (images.isEmpty()) {
      throw new SceneFormatException(files.images().toString(), "images", "at least one registered image", "none");
    }
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ColmapImage image : images) {
      String location = "image " + image.id() + " (" + image.name() + ")";
      if (!ids.add(image.id())) {
        throw new SceneFormatException(
            files.images().toString(), location, "unique image ids", "id " + image.id() + " twice");
      }
      if (!names.add(image.name())) {
        throw new SceneFormatException(
            files.images().toString(),
            location,
            "unique image names",
            "'" + image.name() + "' twice");
      }
      if (!cameras.containsKey(image.cameraId())) {
        throw new SceneFormatException(
            files.images().toString(),
            location,
            "a camera id present in " + files.cameras().getFileName() + " " + cameras.keySet(),
            "camera id " + image.cameraId());
      }
    }
  }
}
