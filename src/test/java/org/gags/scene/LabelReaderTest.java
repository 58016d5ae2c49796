package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Reads the two real LERF-OVS label files kept under test resources (CRLF line endings). */
@Tag("unit")
class LabelReaderTest {
  static Path resource(String name) {
    try {
      return Path.of(LabelReaderTest.class.getResource("/lerf_ovs/waldo_kitchen/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsFrame66() throws IOException {
    Path file = resource("frame_00066.json");
    assertTrue(Files.readString(file).contains("\r\n"), "the real file has CRLF line endings");
    LabelFile label = LabelReader.read(file);
    assertEquals("frame_00066.jpg", label.name());
    assertEquals(65, label.frameIndex());
    assertEquals(985, label.width());
    assertEquals(725, label.height());
    assertEquals(List.of("plastic ladle", "refrigerator", "pot", "spatula"), label.categories());
    LabelObject ladle = label.objects().get(0);
    assertEquals(66, ladle.polygon().length);
    assertArrayEquals(new double[] {575.0, 144.0}, ladle.polygon()[0]);
    assertArrayEquals(new double[] {551.0, 144.0, 594.0, 333.0}, ladle.bbox());
    assertEquals(3360.0, ladle.area());
  }

  @Test
  void readsFrame89WithAShareCategory() {
    LabelFile label = LabelReader.read(resource("frame_00089.json"));
    assertEquals(88, label.frameIndex());
    assertEquals(7, label.objects().size());
    assertEquals(List.of("knife", "ketchup", "cabinet"), label.categories());
    assertEquals(5, label.objectsOf("knife").size());
    assertEquals(List.of(label.objects().get(5)), label.objectsOf("ketchup"));
    assertEquals(List.of(), label.objectsOf("fork"));
  }

  /** The files' own area and bbox fields must agree with what the reader made of the polygons. */
  @Test
  void polygonsAgreeWithTheFilesAreasAndBoxes() throws IOException {
    double[][] areas = {
      {3360.0, 71491.5, 19220.5, 2283.5}, {3337.0, 9122.0, 5032.5, 9096.5, 5491.0, 2638.5, 87023.0}
    };
    String[] files = {"frame_00066.json", "frame_00089.json"};
    for (int f = 0; f < files.length; f++) {
      LabelFile label = LabelReader.read(resource(files[f]));
      assertEquals(areas[f].length, label.objects().size());
      for (int i = 0; i < areas[f].length; i++) {
        LabelObject o = label.objects().get(i);
        assertEquals(areas[f][i], o.area(), 1e-9, files[f] + " object " + i);
        assertArrayEquals(bounds(o.polygon()), o.bbox(), files[f] + " object " + i);
      }
    }
  }

  static double[] bounds(double[][] polygon) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] p : polygon) {
      b[0] = Math.min(b[0], p[0]);
      b[1] = Math.min(b[1], p[1]);
      b[2] = Math.max(b[2], p[0]);
      b[3] = Math.max(b[3], p[1]);
    }
    return b;
  }
}
