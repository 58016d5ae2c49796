package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Files the reader must accept although PlyWriter never writes them. */
@Tag("unit")
class PlyReaderFormatsTest {
  @TempDir Path dir;

  @Test
  void convertsEveryScalarTypeToFloat() throws IOException {
    PlyBytes ply = new PlyBytes().line("ply").line("format binary_little_endian 1.0");
    ply.line("comment written by a test").line("obj_info made up");
    ply.line("element vertex 2");
    ply.line("property double x").line("property float64 y").line("property float32 z");
    ply.line("property uchar f_dc_0").line("property char f_dc_1").line("property ushort f_dc_2");
    ply.line("property short opacity").line("property uint scale_0").line("property int scale_1");
    ply.line("property uint8 scale_2").line("property int8 rot_0").line("property uint16 rot_1");
    ply.line("property int16 rot_2")
        .line("property int32 rot_3")
        .line("property uint32 semantic_0");
    ply.line("end_header");
    ByteBuffer d = ply.data();
    for (int v = 0; v < 2; v++) {
      d.putDouble(1.5 + v).putDouble(-2.25).putFloat(3.125f);
      d.put((byte) 250).put((byte) -7).putShort((short) 60000);
      d.putShort((short) -300).putInt(0xFFFF_FFFF).putInt(-123456);
      d.put((byte) 200).put((byte) -128).putShort((short) 65535);
      d.putShort((short) -32768).putInt(7).putInt(42 + v);
    }
    GaussianCloud cloud = PlyReader.read(ply.write(dir.resolve("types.ply")));
    assertEquals(2, cloud.count());
    assertArrayEquals(new float[] {1.5f, -2.25f, 3.125f, 2.5f, -2.25f, 3.125f}, cloud.positions());
    assertArrayEquals(new float[] {250, -7, 60000, 250, -7, 60000}, cloud.shDc());
    assertArrayEquals(new float[] {-300, -300}, cloud.opacityLogits());
    assertArrayEquals(
        new float[] {4294967295f, -123456, 200, 4294967295f, -123456, 200}, cloud.logScales());
    assertArrayEquals(
        new float[] {-128, 65535, -32768, 7, -128, 65535, -32768, 7}, cloud.rotations());
    assertArrayEquals(new float[] {42, 43}, cloud.extras().get("semantic_0"));
    assertNull(cloud.normals());
  }

  @Test
  void acceptsPropertiesInAnyOrderAndEmptyFaceElements() throws IOException {
    PlyBytes ply = new PlyBytes().line("ply").line("format binary_little_endian 1.0");
    ply.line("element face 0").line("property list uchar int vertex_indices");
    ply.line("element vertex 1");
    List<String> shuffled =
        List.of(
            "rot_3", "label", "x", "nz", "f_dc_2", "ny", "rot_0", "opacity", "scale_2", "y",
            "f_dc_0", "nx", "scale_0", "rot_1", "z", "scale_1", "f_dc_1", "rot_2");
    for (String name : shuffled) {
      ply.line("property float " + name);
    }
    ply.line("element edge 0").line("property int vertex1");
    ply.line("end_header").floats(shuffled.size(), 0);
    GaussianCloud cloud = PlyReader.read(ply.write(dir.resolve("shuffled.ply")));
    assertArrayEquals(new float[] {2, 9, 14}, cloud.positions());
    assertArrayEquals(new float[] {11, 5, 3}, cloud.normals());
    assertArrayEquals(new float[] {10, 16, 4}, cloud.shDc());
    assertArrayEquals(new float[] {7}, cloud.opacityLogits());
    assertArrayEquals(new float[] {12, 15, 8}, cloud.logScales());
    assertArrayEquals(new float[] {6, 13, 17, 0}, cloud.rotations());
    assertEquals(List.of("label"), List.copyOf(cloud.extras().keySet()));
    assertArrayEquals(new float[] {1}, cloud.extras().get("label"));
  }

  @Test
  void acceptsAHeaderWithWindowsLineEndings() throws IOException {
    StringBuilder header =
        new StringBuilder("ply\r\nformat binary_little_endian 1.0\r\nelement vertex 1\r\n");
    for (String name : PlyBytes.MINIMAL_NAMES) {
      header.append("property float ").append(name).append("\r\n");
    }
    header.append("end_header\r\n");
    PlyBytes ply = new PlyBytes();
    ply.floats(PlyBytes.MINIMAL_NAMES.length, 1);
    byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(ply.data().array(), ply.data().position());
    Path file = dir.resolve("crlf.ply");
    Files.write(file, concat(head, body));
    assertArrayEquals(new float[] {1, 2, 3}, PlyReader.read(file).positions());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
