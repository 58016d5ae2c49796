package org.gags.scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads COLMAP's binary {@code cameras.bin} and {@code images.bin} (little-endian, as COLMAP's
 * {@code WriteCamerasBinary} and {@code WriteImagesBinary} write them). Errors name the byte
 * offset.
 */
final class ColmapBinaryReader {
  /** Bytes of one 2D point in images.bin: double x, double y, int64 point3D_id. */
  private static final int POINT2D_BYTES = 24;

  private ColmapBinaryReader() {}

  static Map<Integer, ColmapCamera> readCameras(Path file) throws IOException {
    Map<Integer, ColmapCamera> cameras = new LinkedHashMap<>();
    try (LittleEndianInput in = new LittleEndianInput(file)) {
      int count = readCount(in, file, "number of cameras");
      for (int c = 0; c < count; c++) {
        in.context("camera " + (c + 1) + " of " + count);
        long idAt = in.offset();
        int id = in.readInt("camera_id");
        in.context("camera " + (c + 1) + " of " + count + ", id " + id);
        long modelAt = in.offset();
        int modelId = in.readInt("model_id");
        ColmapCameraModel model = ColmapCameraModel.byId(modelId);
        if (model == null) {
          throw new SceneFormatException(
              file.toString(),
              in.where(modelAt, "model_id"),
              "a COLMAP camera model id 0..10",
              Integer.toString(modelId));
        }
        int width = readSize(in, file, "width");
        int height = readSize(in, file, "height");
        double[] params = new double[model.paramCount()];
        for (int k = 0; k < params.length; k++) {
          long at = in.offset();
          params[k] = in.readDouble("params[" + k + "]");
          ColmapValues.requireFinite(file, in.where(at, "params[" + k + "]"), params[k]);
        }
        if (cameras.containsKey(id)) {
          throw new SceneFormatException(
              file.toString(),
              in.where(idAt, "camera_id"),
              "unique camera ids",
              "camera " + id + " twice");
        }
        cameras.put(id, new ColmapCamera(id, model.name(), width, height, params));
      }
      requireEnd(in, file, count + " cameras");
    }
    return cameras;
  }

  static List<ColmapImage> readImages(Path file) throws IOException {
    List<ColmapImage> images = new ArrayList<>();
    try (LittleEndianInput in = new LittleEndianInput(file)) {
      int count = readCount(in, file, "number of images");
      String[] fields = {"qw", "qx", "qy", "qz", "tx", "ty", "tz"};
      double[] pose = new double[fields.length];
      for (int i = 0; i < count; i++) {
        in.context("image " + (i + 1) + " of " + count);
        long start = in.offset();
        int id = in.readInt("image_id");
        long poseAt = in.offset();
        for (int k = 0; k < pose.length; k++) {
          pose[k] = in.readDouble(fields[k]);
        }
        int cameraId = in.readInt("camera_id");
        String name = in.readNullTerminated("name");
        in.context("image " + (i + 1) + " of " + count + ", id " + id + ", " + name);
        for (int k = 0; k < pose.length; k++) {
          ColmapValues.requireFinite(file, in.where(poseAt + 8L * k, fields[k]), pose[k]);
        }
        if (name.isEmpty()) {
          throw new SceneFormatException(
              file.toString(), in.where(start, "name"), "an image name", "an empty string");
        }
        long points = in.readLong("num_points2D");
        in.skip(points, POINT2D_BYTES, "points2D");
        images.add(
            new ColmapImage(
                id, pose[0], pose[1], pose[2], pose[3], pose[4], pose[5], pose[6], cameraId, name));
      }
      requireEnd(in, file, count + " images");
    }
    return images;
  }

  private static int readCount(LittleEndianInput in, Path file, String field) throws IOException {
    long count = in.readLong(field);
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new SceneFormatException(
          file.toString(),
          in.where(0, field),
          "a count of 0.." + Integer.MAX_VALUE,
          Long.toUnsignedString(count));
    }
    return (int) count;
  }

  private static int readSize(LittleEndianInput in, Path file, String field) throws IOException {
    long at = in.offset();
    long size = in.readLong(field);
    if (size <= 0 || size > Integer.MAX_VALUE) {
      throw new SceneFormatException(
          file.toString(),
          in.where(at, field),
          "a size of 1.." + Integer.MAX_VALUE + " pixels",
          Long.toUnsignedString(size));
    }
    return (int) size;
  }

  private static void requireEnd(LittleEndianInput in, Path file, String what) {
    if (in.remaining() != 0) {
      in.context("");
      throw new SceneFormatException(
          file.toString(),
          in.where(in.offset(), "after the last record"),
          "the end of the file after the " + what + " its header declares",
          in.remaining() + " more bytes");
    }
  }
}
