package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class LabelWriterTest {
  @TempDir Path dir;

  @Test
  void realFilesRoundTrip() {
    for (String name : List.of("frame_00066.json", "frame_00089.json")) {
      LabelFile label = LabelReader.read(LabelReaderTest.resource(name));
      Path copy = dir.resolve(name);
      LabelWriter.write(copy, label);
      assertEquals(label, LabelReader.read(copy));
    }
  }

  @Test
  void writesTheLerfOvsFields() throws IOException {
    LabelFile label = LabelReader.read(LabelReaderTest.resource("frame_00089.json"));
    Path copy = dir.resolve("frame_00089.json");
    LabelWriter.write(copy, label);
    JsonNode written = new ObjectMapper().readTree(copy.toFile());
    JsonNode original =
        new ObjectMapper().readTree(LabelReaderTest.resource("frame_00089.json").toFile());
    assertEquals(original.get("info"), written.get("info"));
    for (int i = 0; i < 7; i++) {
      JsonNode a = original.get("objects").get(i);
      JsonNode b = written.get("objects").get(i);
      for (String field : List.of("category", "segmentation", "bbox")) {
        assertEquals(a.get(field), b.get(field), "objects[" + i + "]." + field);
      }
      assertEquals(a.get("area").asDouble(), b.get("area").asDouble(), "objects[" + i + "].area");
      assertEquals(i + 1, b.get("group").asInt());
      assertEquals(0, b.get("iscrowd").asInt());
    }
    String text = Files.readString(copy);
    assertTrue(
        text.startsWith("{\n    \"info\": {\n        \"name\": \"frame_00089.jpg\","),
        text.substring(0, 60));
  }

  @Test
  void roundTripsGeneratedLabels() {
    LabelObject square =
        new LabelObject(
            "box",
            new double[][] {{0, 0}, {10, 0}, {10, 10}, {0, 10}},
            new double[] {0, 0, 10, 10});
    LabelObject triangle =
        new LabelObject(
            "box",
            new double[][] {{1.25, 2.5}, {7.75, 2.5}, {4, 9}},
            new double[] {1.25, 2.5, 7.75, 9});
    LabelFile label = new LabelFile("frame_00012.png", 16, 12, List.of(square, triangle));
    Path file = dir.resolve("label/frame_00012.json");
    LabelWriter.write(file, label);
    LabelFile back = LabelReader.read(file);
    assertEquals(label, back);
    assertEquals(11, back.frameIndex());
    assertEquals(100.0, back.objects().get(0).area());
  }
}
