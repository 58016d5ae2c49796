package org.gags.scene;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads COLMAP's text {@code cameras.txt} and {@code images.txt}: lines starting with {@code #} are
 * comments; images take two lines each, the second (the 2D points, possibly empty) being skipped.
 * Errors name the line number.
 */
final class ColmapTextReader {
  private static final int IMAGE_FIELDS = 10;

  private ColmapTextReader() {}

  static Map<Integer, ColmapCamera> readCameras(Path file) throws IOException {
    Map<Integer, ColmapCamera> cameras = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        ColmapCamera camera = parseCamera(file, "line " + lineNumber, trimmed);
        if (cameras.put(camera.id(), camera) != null) {
          throw new SceneFormatException(
              file.toString(),
              "line " + lineNumber,
              "unique camera ids",
              "camera " + camera.id() + " twice");
        }
      }
    }
    return cameras;
  }

  static List<ColmapImage> readImages(Path file) throws IOException {
    List<ColmapImage> images = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        images.add(parseImage(file, "line " + lineNumber, trimmed));
        // The next line lists the image's 2D points (possibly none); it is not needed.
        if (reader.readLine() != null) {
          lineNumber++;
        }
      }
    }
    return images;
  }

  private static ColmapCamera parseCamera(Path file, String location, String line) {
    String[] tokens = line.split("\\s+");
    if (tokens.length < 4) {
      throw new SceneFormatException(
          file.toString(), location, "CAMERA_ID MODEL WIDTH HEIGHT PARAMS[]", line);
    }
    int id = parseInt(file, location, "CAMERA_ID", tokens[0]);
    ColmapCameraModel model = ColmapCameraModel.byName(tokens[1]);
    if (model == null) {
      throw new SceneFormatException(
          file.toString(),
          location + ", camera " + id,
          "a COLMAP camera model (SIMPLE_PINHOLE, PINHOLE, ...)",
          "'" + tokens[1] + "'");
    }
    int width = parsePositive(file, location, "WIDTH", tokens[2]);
    int height = parsePositive(file, location, "HEIGHT", tokens[3]);
    int paramCount = tokens.length - 4;
    if (paramCount != model.paramCount()) {
      throw new SceneFormatException(
          file.toString(),
          location + ", camera " + id,
          model.paramCount() + " parameters for " + model,
          paramCount + " in: " + line);
    }
    double[] params = new double[paramCount];
    for (int k = 0; k < paramCount; k++) {
      params[k] =
          parseDouble(file, location + ", camera " + id, "params[" + k + "]", tokens[4 + k]);
    }
    return new ColmapCamera(id, model.name(), width, height, params);
  }

  private static ColmapImage parseImage(Path file, String location, String line) {
    String[] tokens = line.split("\\s+", IMAGE_FIELDS);
    if (tokens.length < IMAGE_FIELDS) {
      throw new SceneFormatException(
          file.toString(), location, "IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME", line);
    }
    int id = parseInt(file, location, "IMAGE_ID", tokens[0]);
    String where = location + ", image " + id;
    String[] fields = {"QW", "QX", "QY", "QZ", "TX", "TY", "TZ"};
    double[] pose = new double[fields.length];
    for (int k = 0; k < pose.length; k++) {
      pose[k] = parseDouble(file, where, fields[k], tokens[1 + k]);
    }
    int cameraId = parseInt(file, where, "CAMERA_ID", tokens[8]);
    return new ColmapImage(
        id, pose[0], pose[1], pose[2], pose[3], pose[4], pose[5], pose[6], cameraId, tokens[9]);
  }

  private static int parseInt(Path file, String location, String field, String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new SceneFormatException(
          file.toString(), location + ", " + field, "an integer", "'" + token + "'");
    }
  }

  private static int parsePositive(Path file, String location, String field, String token) {
    int value = parseInt(file, location, field, token);
    if (value <= 0) {
      throw new SceneFormatException(file.toString(), location + ", " + field, "a size > 0", token);
    }
    return value;
  }

  private static double parseDouble(Path file, String location, String field, String token) {
    double value;
    try {
      value = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new SceneFormatException(
          file.toString(), location + ", " + field, "a number", "'" + token + "'");
    }
    ColmapValues.requireFinite(file, location + ", " + field, value);
    return value;
  }
}
