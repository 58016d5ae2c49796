package org.gags.scene;

import org.gags.io.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link ColmapModel} as COLMAP does, in text ({@code cameras.txt}, {@code images.txt}) or
 * binary ({@code cameras.bin}, {@code images.bin}) form, each with an empty {@code points3D} file
 * beside it so that COLMAP tools accept the folder. Images are written without 2D points. Numbers
 * in text files use Java's shortest round-trip form, so text and binary hold the same values. Each
 * file is replaced atomically; missing folders are created.
 */
public final class ColmapWriter {
  private static final int BUFFER_BYTES = 64 * 1024;

  private ColmapWriter() {}

  /**
   * @throws IllegalArgumentException for an image name containing whitespace, which the text format
   *     cannot hold
   * @throws UncheckedIOException when the file system fails
   */
  public static void writeText(Path sparseDir, ColmapModel model) {
    for (ColmapImage image : model.images()) {
      if (!image.name().codePoints().noneMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            String.format(
                "image %d: name '%s' contains whitespace, which COLMAP's text format cannot hold",
                image.id(), image.name()));
      }
    }
    StringBuilder cameras = new StringBuilder();
    cameras.append("# Camera list with one line of data per camera:\n");
    cameras.append("#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n");
    cameras.append("# Number of cameras: ").append(model.cameras().size()).append('\n');
    for (ColmapCamera camera : model.cameras().values()) {
      cameras.append(camera.id()).append(' ').append(camera.model()).append(' ');
      cameras.append(camera.width()).append(' ').append(camera.height());
      for (double p : camera.params()) {
        cameras.append(' ').append(p);
      }
      cameras.append('\n');
    }
    StringBuilder images = new StringBuilder();
    images.append("# Image list with two lines of data per image:\n");
    images.append("#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n");
    images.append("#   POINTS2D[] as (X, Y, POINT3D_ID)\n");
    images
        .append("# Number of images: ")
        .append(model.images().size())
        .append(", mean observations per image: 0\n");
    for (ColmapImage i : model.images()) {
      images
          .append(i.id())
          .append(' ')
          .append(i.qw())
          .append(' ')
          .append(i.qx())
          .append(' ')
          .append(i.qy());
      images
          .append(' ')
          .append(i.qz())
          .append(' ')
          .append(i.tx())
          .append(' ')
          .append(i.ty())
          .append(' ')
          .append(i.tz());
      images.append(' ').append(i.cameraId()).append(' ').append(i.name()).append("\n\n");
    }
    String points =
        "# 3D point list with one line of data per point:\n"
            + "#   POINT3D_ID, X, Y, Z, R, G, B, ERROR, TRACK[] as (IMAGE_ID, POINT2D_IDX)\n"
            + "# Number of points: 0, mean track length: 0\n";
    writeUtf8(sparseDir.resolve("cameras.txt"), cameras.toString());
    writeUtf8(sparseDir.resolve("images.txt"), images.toString());
    writeUtf8(sparseDir.resolve("points3D.txt"), points);
  }

  /**
   * @throws IllegalArgumentException for an image name containing a zero character
   * @throws UncheckedIOException when the file system fails
   */
  public static void writeBinary(Path sparseDir, ColmapModel model) {
    for (ColmapImage image : model.images()) {
      if (image.name().indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "image " + image.id() + ": name contains a zero character");
      }
    }
    AtomicFiles.write(
        sparseDir.resolve("cameras.bin"),
        channel -> {
          LittleEndianOutput out = new LittleEndianOutput(channel, BUFFER_BYTES);
          out.putLong(model.cameras().size());
          for (ColmapCamera camera : model.cameras().values()) {
            out.putInt(camera.id());
            out.putInt(camera.cameraModel().id());
            out.putLong(camera.width());
            out.putLong(camera.height());
            for (double p : camera.params()) {
              out.putDouble(p);
            }
          }
          out.flush();
        });
    AtomicFiles.write(
        sparseDir.resolve("images.bin"),
        channel -> {
          LittleEndianOutput out = new LittleEndianOutput(channel, BUFFER_BYTES);
          out.putLong(model.images().size());
          for (ColmapImage i : model.images()) {
            out.putInt(i.id());
            for (double v : new double[] {i.qw(), i.qx(), i.qy(), i.qz(), i.tx(), i.ty(), i.tz()}) {
              out.putDouble(v);
            }
            out.putInt(i.cameraId());
            out.putBytes(i.name().getBytes(StandardCharsets.UTF_8));
            out.putBytes(new byte[] {0});
            out.putLong(0);
          }
          out.flush();
        });
    AtomicFiles.write(
        sparseDir.resolve("points3D.bin"),
        channel -> {
          LittleEndianOutput out = new LittleEndianOutput(channel, Long.BYTES);
          out.putLong(0);
          out.flush();
        });
  }

  private static void writeUtf8(Path file, String text) {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
