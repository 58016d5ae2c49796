package org.gags.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy {@code .npy} version 1.0 files: little-endian float32 ({@code <f4}) and int32 ({@code <i4}), C order. */
public final class Npy {
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

  private Npy() {}

  public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
    requireShape(data.length, shape);
    ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    write(file, "<f4", shape, buf.array());
  }

  public static void writeInt32(Path file, int[] data, int... shape) throws IOException {
    requireShape(data.length, shape);
    ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(data);
    write(file, "<i4", shape, buf.array());
  }

  /** A read array: its shape and its values as float32 (int32 files are converted). */
  public record Array(int[] shape, float[] values) {}

  public static Array read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
      byte[] magic = new byte[8];
      d.readFully(magic);
      if (magic[0] != (byte) 0x93 || magic[1] != 'N' || magic[6] != 1) {
        throw new IOException(file + ": byte 0: expected the NPY v1.0 magic \\x93NUMPY\\x01, found another header");
      }
      int headerLen = d.readUnsignedByte() | (d.readUnsignedByte() << 8);
      byte[] header = new byte[headerLen];
      d.readFully(header);
      String h = new String(header, StandardCharsets.ISO_8859_1);
      Matcher dm = DESCR.matcher(h);
      Matcher sm = SHAPE.matcher(h);
      if (!dm.find() || !sm.find() || h.contains("'fortran_order': True")) {
        throw new IOException(file + ": header: expected descr, C order and shape, found " + h.trim());
      }
      String[] parts = sm.group(1).split(",");
      int count = 1;
      java.util.List<Integer> dims = new java.util.ArrayList<>();
      for (String p : parts) {
        if (!p.isBlank()) {
          dims.add(Integer.parseInt(p.trim()));
          count *= dims.get(dims.size() - 1);
        }
      }
      byte[] body = d.readNBytes(4 * count);
      if (body.length != 4 * count) {
        throw new IOException(file + ": data: expected " + (4 * count) + " bytes, found " + body.length);
      }
      ByteBuffer buf = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[count];
      switch (dm.group(1)) {
        case "<f4" -> buf.asFloatBuffer().get(values);
        case "<i4" -> {
          for (int i = 0; i < count; i++) {
            values[i] = buf.getInt();
          }
        }
        default -> throw new IOException(file + ": descr: expected <f4 or <i4, found " + dm.group(1));
      }
      return new Array(dims.stream().mapToInt(Integer::intValue).toArray(), values);
    }
  }

  private static void requireShape(int length, int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (n != length) {
      throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " does not hold " + length + " values");
    }
  }

  private static void write(Path file, String descr, int[] shape, byte[] body) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int s : shape) {
      dims.append(s).append(", ");
    }
    String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    byte[] hb = header.getBytes(StandardCharsets.ISO_8859_1);
    AtomicFiles.writeStream(file, out -> {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      out.write(hb.length & 0xff);
      out.write((hb.length >> 8) & 0xff);
      out.write(hb);
      out.write(body);
    });
  }
}
