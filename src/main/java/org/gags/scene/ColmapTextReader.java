package org.gags.scene;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads COLMAP's text {@code cameras.txt} and {@code images.txt}: lines starting with {@code #} are
 * comments, except that the counts COLMAP writes there ({@code # Number of cameras: N}, {@code #
 * Number of images: N}) must match the records; images take two lines each, the second (the 2D
 * points, possibly empty) being counted, not kept. A last line cut short (no newline) and bytes
 * that are not UTF-8 are refused. Errors name the line number.
 */
final class ColmapTextReader {
  private static final int IMAGE_FIELDS = 10;
  private static final Pattern CAMERA_COUNT = Pattern.compile("^#\\s*Number of cameras:\\s*(\\d+)");
  private static final Pattern IMAGE_COUNT = Pattern.compile("^#\\s*Number of images:\\s*(\\d+)");

  private ColmapTextReader() {}

  static Map<Integer, ColmapCamera> readCameras(Path file) throws IOException {
    Map<Integer, ColmapCamera> cameras = new LinkedHashMap<>();
    DeclaredCount declared = new DeclaredCount(CAMERA_COUNT, "cameras");
    try (Lines lines = new Lines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          declared.see(trimmed, lines.number());
          continue;
        }
        ColmapCamera camera = parseCamera(file, "line " + lines.number(), trimmed);
        if (cameras.put(camera.id(), camera) != null) {
          throw new SceneFormatException(
              file.toString(),
              "line " + lines.number(),
              "unique camera ids",
              "camera " + camera.id() + " twice");
        }
      }
    }
    declared.check(file, cameras.size());
    return cameras;
  }

  static List<ColmapImage> readImages(Path file) throws IOException {
    List<ColmapImage> images = new ArrayList<>();
    DeclaredCount declared = new DeclaredCount(IMAGE_COUNT, "images");
    try (Lines lines = new Lines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          declared.see(trimmed, lines.number());
          continue;
        }
        ColmapImage image = parseImage(file, "line " + lines.number(), trimmed);
        images.add(image);
        // The next line lists the image's 2D points (possibly none): counted, not kept.
        String points = lines.next();
        if (points != null) {
          checkPoints(file, "line " + lines.number() + ", image " + image.id() + ", POINTS2D", points);
        }
      }
    }
    declared.check(file, images.size());
    return images;
  }

  /**
   * A text file's lines, numbered from 1. Bytes that are not UTF-8 are a format error, and so is
   * a last line with content but no newline: COLMAP ends every line with one, so such a line was
   * cut short (a number cut in the middle still parses).
   */
  private static final class Lines implements Closeable {
    private final Path file;
    private final BufferedReader reader;
    private final boolean endsWithNewline;
    private int number;
    private String last;

    Lines(Path file) throws IOException {
      this.file = file;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer lastByte = ByteBuffer.allocate(1);
        endsWithNewline = channel.size() == 0 || (channel.read(lastByte, channel.size() - 1) == 1 && lastByte.get(0) == '\n');
      }
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** The next line, or null at the end of the file. */
    String next() throws IOException {
      String line;
      try {
        line = reader.readLine();
      } catch (CharacterCodingException e) {
        throw new SceneFormatException(file.toString(), "line " + (number + 1), "UTF-8 text", "bytes that are not UTF-8 (" + e + ")");
      }
      if (line == null && last != null && !last.isBlank() && !endsWithNewline) {
        throw new SceneFormatException(file.toString(), "line " + number, "a last line ended by a newline",
            "the end of the file inside it (the file is cut short)");
      }
      if (line != null) {
        number++;
      }
      last = line;
      return line;
    }

    int number() {
      return number;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /**
   * The count a COLMAP header comment declares ({@code # Number of images: 12, ...}), checked
   * against the records read when the comment is there (COLMAP writes it; the format does not
   * require it), so that a file cut at a line boundary is not read as a smaller model.
   */
  private static final class DeclaredCount {
    private final Pattern pattern;
    private final String what;
    private long count = -1;
    private int line;

    DeclaredCount(Pattern pattern, String what) {
      this.pattern = pattern;
      this.what = what;
    }

    void see(String comment, int lineNumber) {
      Matcher m = pattern.matcher(comment);
      if (count < 0 && m.find()) {
        count = m.group(1).length() > 12 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
        line = lineNumber;
      }
    }

    void check(Path file, int found) {
      if (count >= 0 && count != found) {
        throw new SceneFormatException(
            file.toString(),
            "the header comment on line " + line,
            count + " " + what + " (as it declares)",
            found + " " + what + " (the file is cut short or has records it does not count)");
      }
    }
  }

  /** A POINTS2D line holds triples X Y POINT3D_ID (possibly none); only their number is checked. */
  private static void checkPoints(Path file, String location, String line) {
    int tokens = 0;
    boolean inToken = false;
    for (int i = 0; i < line.length(); i++) {
      boolean space = Character.isWhitespace(line.charAt(i));
      tokens += !space && !inToken ? 1 : 0;
      inToken = !space;
    }
    if (tokens % 3 != 0) {
      throw new SceneFormatException(
          file.toString(), location, "triples X Y POINT3D_ID", tokens + " values");
    }
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
