package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class PlyRoundTripTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "SH degree {0}, normals {1}, extras {2}")
  @CsvSource({
    "0, true, 0",
    "0, false, 0",
    "1, true, 0",
    "1, false, 16",
    "2, true, 16",
    "2, false, 0",
    "3, true, 16",
    "3, false, 0"
  })
  void writesAndReadsBackEveryValue(int degree, boolean normals, int extras) {
    GaussianCloud cloud = TestClouds.random(1000 + degree, 257, degree, normals, extras);
    Path file = dir.resolve("point_cloud.ply");
    PlyWriter.write(file, cloud);
    GaussianCloud back = PlyReader.read(file);

    assertEquals(cloud.count(), back.count());
    assertEquals(degree, back.shDegree());
    assertArrayEquals(cloud.positions(), back.positions());
    assertArrayEquals(cloud.shDc(), back.shDc());
    assertArrayEquals(cloud.shRest(), back.shRest());
    assertArrayEquals(cloud.opacityLogits(), back.opacityLogits());
    assertArrayEquals(cloud.logScales(), back.logScales());
    assertArrayEquals(cloud.rotations(), back.rotations());
    assertNotNull(back.normals(), "INRIA layout always has normals");
    assertArrayEquals(normals ? cloud.normals() : new float[3 * cloud.count()], back.normals());
    assertEquals(List.copyOf(cloud.extras().keySet()), List.copyOf(back.extras().keySet()));
    for (Map.Entry<String, float[]> e : cloud.extras().entrySet()) {
      assertArrayEquals(e.getValue(), back.extras().get(e.getKey()), e.getKey());
    }
  }

  @Test
  void writesTheInriaPropertyOrder() throws IOException {
    GaussianCloud cloud = TestClouds.random(7, 3, 1, false, 2);
    Path file = dir.resolve("order.ply");
    PlyWriter.write(file, cloud);
    List<String> names = headerPropertyNames(file);
    List<String> expected =
        List.of(
            "x",
            "y",
            "z",
            "nx",
            "ny",
            "nz",
            "f_dc_0",
            "f_dc_1",
            "f_dc_2",
            "f_rest_0",
            "f_rest_1",
            "f_rest_2",
            "f_rest_3",
            "f_rest_4",
            "f_rest_5",
            "f_rest_6",
            "f_rest_7",
            "f_rest_8",
            "opacity",
            "scale_0",
            "scale_1",
            "scale_2",
            "rot_0",
            "rot_1",
            "rot_2",
            "rot_3",
            "semantic_0",
            "semantic_1");
    assertEquals(expected, names);
    long headerBytes = headerText(file).length();
    assertEquals(headerBytes + 3L * expected.size() * Float.BYTES, Files.size(file));
  }

  @Test
  void roundTripsAnEmptyCloud() {
    GaussianCloud empty = TestClouds.random(1, 0, 3, true, 1);
    Path file = dir.resolve("empty.ply");
    PlyWriter.write(file, empty);
    GaussianCloud back = PlyReader.read(file);
    assertEquals(0, back.count());
    assertEquals(3, back.shDegree());
    assertEquals(List.of("semantic_0"), List.copyOf(back.extras().keySet()));
  }

  @Test
  void keepsChannelMajorRestCoefficientsAsStored() throws IOException {
    // One Gaussian of degree 1: f_rest_0..8 hold R1 R2 R3 G1 G2 G3 B1 B2 B3 and must stay in that
    // order.
    PlyBytes ply =
        new PlyBytes().line("ply").line("format binary_little_endian 1.0").line("element vertex 1");
    for (String name : List.of("x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2")) {
      ply.line("property float " + name);
    }
    for (int k = 0; k < 9; k++) {
      ply.line("property float f_rest_" + k);
    }
    for (String name :
        List.of("opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3")) {
      ply.line("property float " + name);
    }
    ply.line("end_header").floats(6, 0).floats(9, 100).floats(8, 200);
    GaussianCloud cloud = PlyReader.read(ply.write(dir.resolve("rest.ply")));
    assertEquals(1, cloud.shDegree());
    assertArrayEquals(new float[] {100, 101, 102, 103, 104, 105, 106, 107, 108}, cloud.shRest());
    assertArrayEquals(new float[] {204, 205, 206, 207}, cloud.rotations());
    assertNull(cloud.normals());
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("point_cloud.ply");
    Files.writeString(file, "old content");
    PlyWriter.write(file, TestClouds.random(3, 10, 0, true, 0));
    assertEquals(10, PlyReader.read(file).count());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  static List<String> headerPropertyNames(Path file) throws IOException {
    return Arrays.stream(headerText(file).split("\n"))
        .filter(l -> l.startsWith("property "))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .toList();
  }

  static String headerText(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("end_header\n");
    assertTrue(end > 0, "header has end_header");
    return text.substring(0, end + "end_header\n".length());
  }
}
