package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class LabelReaderErrorsTest {
  @TempDir Path dir;

  private static final String INFO =
      "\"info\": {\"name\": \"frame_00003.jpg\", \"width\": 64, \"height\": 48}";
  private static final String OBJECT =
      "{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, 2], [5, 9]], \"bbox\": [1, 2, 5, 9]}";

  private Path json(String text) throws IOException {
    return Files.writeString(dir.resolve("label.json"), text);
  }

  private Path withObjects(String... objects) throws IOException {
    return json("{" + INFO + ", \"objects\": [" + String.join(", ", objects) + "]}");
  }

  @Test
  void acceptsAMinimalFileAndIgnoresUnknownFields() throws IOException {
    Path file =
        json(
            "{\"info\": {\"name\": \"frame_00003.jpg\", \"width\": 64, \"height\": 48.0, \"extra\":"
                + " [1]}, \"objects\": [{\"category\": \"cup\", \"iscrowd\": false, \"layer\": 1.0,"
                + " \"segmentation\": [[1, 2], [5, 2], [5, 9]], \"bbox\": [1, 2, 5, 9],"
                + " \"iscrowd2\": 0}], \"version\": \"x\"}");
    LabelFile label = LabelReader.read(file);
    assertEquals(2, label.frameIndex());
    assertEquals(48, label.height());
    assertEquals(14.0, label.objects().get(0).area());
  }

  @Test
  void refusesAPolygonOfFewerThanThreePoints() throws IOException {
    Path file =
        withObjects(
            OBJECT,
            OBJECT,
            OBJECT,
            "{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, 2]], \"bbox\": [1, 2, 5, 9]}");
    FormatErrors.expect(
        () -> LabelReader.read(file),
        file.toString(),
        "objects[3].segmentation",
        "at least 3",
        "found 2 points");
  }

  @Test
  void refusesMalformedPoints() throws IOException {
    Path flat =
        withObjects(
            "{\"category\": \"cup\", \"segmentation\": [[1, 2, 5, 2, 5, 9]], \"bbox\": [1, 2, 5,"
                + " 9]}");
    FormatErrors.expect(() -> LabelReader.read(flat), "objects[0].segmentation", "at least 3");
    Path triple =
        withObjects(
            "{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, 2, 0], [5, 9]], \"bbox\": [1,"
                + " 2, 5, 9]}");
    FormatErrors.expect(
        () -> LabelReader.read(triple),
        "objects[0].segmentation[1]",
        "[x, y] (2 numbers)",
        "array of 3 elements");
    Path text =
        withObjects(
            "{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, \"2\"], [5, 9]], \"bbox\": [1,"
                + " 2, 5, 9]}");
    FormatErrors.expect(
        () -> LabelReader.read(text),
        "objects[0].segmentation[1][1]",
        "a finite number",
        "the string \"2\"");
  }

  @Test
  void refusesABboxThatIsNotFourNumbers() throws IOException {
    Path file =
        withObjects(
            OBJECT,
            "{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, 2], [5, 9]], \"bbox\": [1, 2,"
                + " 5]}");
    FormatErrors.expect(
        () -> LabelReader.read(file), "objects[1].bbox", "4 numbers", "array of 3 elements");
    Path missing =
        withObjects("{\"category\": \"cup\", \"segmentation\": [[1, 2], [5, 2], [5, 9]]}");
    FormatErrors.expect(() -> LabelReader.read(missing), "objects[0].bbox", "no such field");
  }

  @Test
  void refusesMissingOrBadInfo() throws IOException {
    Path noWidth =
        json("{\"info\": {\"name\": \"frame_00003.jpg\", \"height\": 48}, \"objects\": []}");
    FormatErrors.expect(
        () -> LabelReader.read(noWidth), "info.width", "a positive integer", "no such field");
    Path badHeight =
        json(
            "{\"info\": {\"name\": \"frame_00003.jpg\", \"width\": 64, \"height\": 4.5},"
                + " \"objects\": []}");
    FormatErrors.expect(
        () -> LabelReader.read(badHeight), "info.height", "a positive integer", "4.5");
    Path noInfo = json("{\"objects\": []}");
    FormatErrors.expect(
        () -> LabelReader.read(noInfo), "info: expected an object, found no such field");
    Path noFrame =
        json(
            "{\"info\": {\"name\": \"kitchen.jpg\", \"width\": 64, \"height\": 48}, \"objects\":"
                + " []}");
    FormatErrors.expect(
        () -> LabelReader.read(noFrame), "info.name", "frame number", "\"kitchen.jpg\"");
    Path noObjects = json("{" + INFO + "}");
    FormatErrors.expect(() -> LabelReader.read(noObjects), "objects", "an array", "no such field");
    Path noCategory =
        withObjects(
            "{\"category\": \"\", \"segmentation\": [[1, 2], [5, 2], [5, 9]], \"bbox\": [1, 2, 5,"
                + " 9]}");
    FormatErrors.expect(
        () -> LabelReader.read(noCategory), "objects[0].category", "a non-empty string");
  }

  @Test
  void refusesMalformedJsonNamingTheLine() throws IOException {
    Path file =
        json(
            "{\r\n"
                + "  \"info\": {\"name\": \"frame_00003.jpg\",\r\n"
                + "  \"width\": 64,, \"height\": 48}}");
    FormatErrors.expect(() -> LabelReader.read(file), "line 3", "well-formed JSON");
    Path dup = json("{" + INFO + ", \"objects\": [], \"objects\": []}");
    FormatErrors.expect(
        () -> LabelReader.read(dup), "well-formed JSON", "Duplicate field 'objects'");
    Path array = json("[]");
    FormatErrors.expect(() -> LabelReader.read(array), "a JSON object", "an array of 0 elements");
  }
}
