package org.gags.scene;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads a LERF-OVS label file (METHOD.md section 4): {@code {"info": {"name", "width", "height"},
 * "objects": [{"category", "segmentation": [[x, y], ...], "bbox": [x1, y1, x2, y2]}, ...]}}. Other
 * fields ({@code group}, {@code area}, {@code iscrowd}, which is sometimes 0 and sometimes false,
 * ...) are ignored. Any line endings are accepted; anything but white space after the document is
 * refused.
 *
 * <p>Bad content is a {@link SceneFormatException} naming the file and the JSON path (for example
 * {@code objects[3].segmentation}) with what was expected and found; a file system failure is an
 * {@link UncheckedIOException}.
 */
public final class LabelReader {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private LabelReader() {}

  public static LabelFile read(Path file) {
    JsonNode root = parse(file);
    String f = file.toString();
    JsonNode info = member(f, root, "", "info", "an object", JsonNode::isObject);
    String name = text(f, info, "info", "name");
    if (LabelFile.frameNumber(name) < 1) {
      throw new SceneFormatException(
          f,
          "info.name",
          "an image name ending in a frame number >= 1 (like frame_00066.jpg)",
          quote(info.get("name")));
    }
    int width = positiveInt(f, info, "info", "width");
    int height = positiveInt(f, info, "info", "height");
    JsonNode objects = member(f, root, "", "objects", "an array", JsonNode::isArray);
    List<LabelObject> parsed = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      parsed.add(object(f, objects.get(i), "objects[" + i + "]"));
    }
    return new LabelFile(name, width, height, parsed);
  }

  private static JsonNode parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || root.isMissingNode() || !root.isObject()) {
        throw new SceneFormatException(
            file.toString(),
            "the document",
            "a JSON object",
            root == null || root.isMissingNode() ? "an empty file" : describe(root));
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String location =
          at == null ? "the document" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SceneFormatException(
          file.toString(), location, "well-formed JSON", e.getOriginalMessage(), e);
    } catch (IOException e) {
      // The bytes are in memory: anything the parser throws is about their content (bad encoding).
      throw new SceneFormatException(
          file.toString(), "the document", "well-formed JSON text", e.toString(), e);
    }
  }

  private static LabelObject object(String file, JsonNode node, String path) {
    if (!node.isObject()) {
      throw new SceneFormatException(file, path, "an object", describe(node));
    }
    String category = text(file, node, path, "category");
    String segPath = path + ".segmentation";
    JsonNode segmentation =
        member(file, node, path, "segmentation", "an array of [x, y] points", JsonNode::isArray);
    if (segmentation.size() < 3) {
      throw new SceneFormatException(
          file,
          segPath,
          "a polygon of at least 3 [x, y] points",
          segmentation.size() + (segmentation.size() == 1 ? " point" : " points"));
    }
    double[][] polygon = new double[segmentation.size()][];
    for (int k = 0; k < polygon.length; k++) {
      polygon[k] =
          numbers(file, segmentation.get(k), segPath + "[" + k + "]", 2, "[x, y] (2 numbers)");
    }
    JsonNode bbox =
        member(file, node, path, "bbox", "an array [x1, y1, x2, y2]", JsonNode::isArray);
    double[] box = numbers(file, bbox, path + ".bbox", 4, "[x1, y1, x2, y2] (4 numbers)");
    return new LabelObject(category, polygon, box);
  }

  private static double[] numbers(String file, JsonNode node, String path, int n, String expected) {
    if (!node.isArray() || node.size() != n) {
      throw new SceneFormatException(file, path, expected, describe(node));
    }
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      JsonNode v = node.get(k);
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw new SceneFormatException(file, path + "[" + k + "]", "a finite number", describe(v));
      }
      values[k] = v.asDouble();
    }
    return values;
  }

  private static String text(String file, JsonNode parent, String parentPath, String field) {
    return member(
            file,
            parent,
            parentPath,
            field,
            "a non-empty string",
            n -> n.isTextual() && !n.asText().isEmpty())
        .asText();
  }

  private static int positiveInt(String file, JsonNode parent, String parentPath, String field) {
    JsonNode n = member(file, parent, parentPath, field, "a positive integer", JsonNode::isNumber);
    double v = n.asDouble();
    if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
      throw new SceneFormatException(
          file, parentPath + "." + field, "a positive integer", describe(n));
    }
    return (int) v;
  }

  /** The member {@code field} of {@code parent}, which must exist and pass {@code check}. */
  private static JsonNode member(
      String file,
      JsonNode parent,
      String parentPath,
      String field,
      String expected,
      Predicate<JsonNode> check) {
    String path = parentPath.isEmpty() ? field : parentPath + "." + field;
    JsonNode n = parent.get(field);
    if (n == null) {
      throw new SceneFormatException(file, path, expected, "no such field");
    }
    if (!check.test(n)) {
      throw new SceneFormatException(file, path, expected, describe(n));
    }
    return n;
  }

  /** A short description of a JSON value for error messages. */
  private static String describe(JsonNode n) {
    switch (n.getNodeType()) {
      case ARRAY:
        return "an array of " + n.size() + (n.size() == 1 ? " element" : " elements");
      case OBJECT:
        return "an object";
      case STRING:
        return "the string " + quote(n);
      case NULL:
        return "null";
      default:
        return n.getNodeType().name().toLowerCase(Locale.ROOT) + " " + n.asText();
    }
  }

  private static String quote(JsonNode text) {
    String s = text.asText();
    return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
  }
}
