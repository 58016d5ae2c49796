package org.gags.scene;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files of a COLMAP sparse folder hold the cameras and images: {@code cameras.bin} and {@code
 * images.bin} when both exist, else {@code cameras.txt} and {@code images.txt}.
 */
public record ColmapFiles(Path cameras, Path images, boolean binary) {
  private static final String[] NAMES = {"cameras.bin", "images.bin", "cameras.txt", "images.txt"};

  /** Picks the files in {@code sparseDir}, refusing a folder that has neither complete pair. */
  public static ColmapFiles locate(Path sparseDir) {
    Path camerasBin = sparseDir.resolve("cameras.bin");
    Path imagesBin = sparseDir.resolve("images.bin");
    if (Files.isRegularFile(camerasBin) && Files.isRegularFile(imagesBin)) {
      return new ColmapFiles(camerasBin, imagesBin, true);
    }
    Path camerasTxt = sparseDir.resolve("cameras.txt");
    Path imagesTxt = sparseDir.resolve("images.txt");
    if (Files.isRegularFile(camerasTxt) && Files.isRegularFile(imagesTxt)) {
      return new ColmapFiles(camerasTxt, imagesTxt, false);
    }
    List<String> present = new ArrayList<>();
    for (String name : NAMES) {
      if (Files.isRegularFile(sparseDir.resolve(name))) {
        present.add(name);
      }
    }
    throw new SceneFormatException(
        sparseDir.toString(),
        "COLMAP sparse model",
        "cameras.bin + images.bin or cameras.txt + images.txt",
        present.isEmpty()
            ? (Files.isDirectory(sparseDir) ? "none of them" : "no such folder")
            : "only " + String.join(", ", present));
  }
}
