package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built PLY files: an ASCII header followed by little-endian data, for reader tests. */
final class PlyBytes {
  private final StringBuilder header = new StringBuilder();
  private final ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  PlyBytes line(String line) {
    header.append(line).append('\n');
    return this;
  }

  /** The standard INRIA header lines for {@code count} SH-degree-0 vertices without normals. */
  static PlyBytes minimal(int count) {
    PlyBytes b =
        new PlyBytes()
            .line("ply")
            .line("format binary_little_endian 1.0")
            .line("element vertex " + count);
    for (String name : MINIMAL_NAMES) {
      b.line("property float " + name);
    }
    return b;
  }

  static final String[] MINIMAL_NAMES = {
    "x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity", "scale_0", "scale_1", "scale_2",
    "rot_0", "rot_1", "rot_2", "rot_3"
  };

  ByteBuffer data() {
    return data;
  }

  /** Appends {@code n} float values 0, 1, 2, ... offset by {@code start}. */
  PlyBytes floats(int n, float start) {
    for (int i = 0; i < n; i++) {
      data.putFloat(start + i);
    }
    return this;
  }

  byte[] bytes() {
    byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + data.position()];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data.array(), 0, out, head.length, data.position());
    return out;
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }
}
