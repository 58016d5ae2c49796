package org.gags.scene;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A tiny scene folder: four images of two cameras, listed in COLMAP out of name order, a PLY and
 * one label file.
 */
final class TestScenes {
  private TestScenes() {}

  static final ColmapCamera PINHOLE =
      new ColmapCamera(1, "PINHOLE", 8, 6, new double[] {7.5, 8.5, 3.25, 2.75});
  static final ColmapCamera SIMPLE =
      new ColmapCamera(2, "SIMPLE_PINHOLE", 6, 4, new double[] {5.0, 2.5, 1.5});

  static final List<ColmapImage> IMAGES =
      List.of(
          new ColmapImage(7, 0.9, 0.1, -0.2, 0.3, 1, 2, 3, 1, "frame_00003.png"),
          new ColmapImage(3, 1, 0, 0, 0, 0, 0, 0, 2, "frame_00001.jpg"),
          new ColmapImage(5, 0.5, 0.5, 0.5, 0.5, -1, 0.5, 2, 1, "frame_00004.png"),
          new ColmapImage(9, 0.7, 0, 0.7, 0, 0, 0, 4, 1, "frame_00002.png"));

  static ColmapModel model() {
    Map<Integer, ColmapCamera> cameras = new LinkedHashMap<>();
    cameras.put(1, PINHOLE);
    cameras.put(2, SIMPLE);
    return new ColmapModel(cameras, IMAGES);
  }

  /** Builds the scene under {@code root}, COLMAP in binary or text form. */
  static Path build(Path root, boolean binary) throws IOException {
    Path images = Files.createDirectories(root.resolve("images"));
    ColmapModel model = model();
    for (ColmapImage image : model.images()) {
      ColmapCamera camera = model.cameras().get(image.cameraId());
      writeImage(images.resolve(image.name()), camera.width(), camera.height());
    }
    if (binary) {
      ColmapWriter.writeBinary(root.resolve("sparse/0"), model);
    } else {
      ColmapWriter.writeText(root.resolve("sparse/0"), model);
    }
    PlyWriter.write(root.resolve("point_cloud.ply"), TestClouds.random(3, 5, 0, false, 0));
    LabelWriter.write(
        root.resolve("label/frame_00002.json"),
        new LabelFile(
            "frame_00002.png",
            8,
            6,
            List.of(
                new LabelObject(
                    "cup", new double[][] {{1, 1}, {4, 1}, {4, 3}}, new double[] {1, 1, 4, 3}))));
    return root;
  }

  static void writeImage(Path file, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 40) << 16 | (y * 40) << 8 | 128);
      }
    }
    String name = file.getFileName().toString();
    String format = name.substring(name.lastIndexOf('.') + 1);
    try {
      if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
