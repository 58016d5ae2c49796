package org.gags.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf wire format, as much as ONNX files need: a writer for messages and a scanner that
 * splits a message into its top-level fields. ONNX models are protobuf {@code ModelProto}s; gags
 * writes its generated test models and edits the outputs of downloaded ones with this, so the
 * build needs no protobuf library.
 */
public final class ProtoWire {
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LENGTH_DELIMITED = 2;
  public static final int FIXED32 = 5;

  private ProtoWire() {}

  /**
   * One top-level field of a message: its number, wire type, where its tag starts ({@code tagStart},
   * so that {@code [tagStart, end)} is the whole encoded field) and the bytes of its value.
   */
  public record Field(int number, int wireType, int tagStart, int start, int end, byte[] message) {
    /** The payload of a length-delimited field (without the length prefix). */
    public byte[] payload() {
      byte[] out = new byte[end - start];
      System.arraycopy(message, start, out, 0, out.length);
      return out;
    }

    public String string() {
      return new String(message, start, end - start, StandardCharsets.UTF_8);
    }

    /** The value of a varint field. */
    public long varint() {
      return readVarint(message, start)[0];
    }
  }

  /** Splits a message into its top-level fields, in file order. */
  public static List<Field> scan(byte[] message) {
    List<Field> fields = new ArrayList<>();
    int p = 0;
    while (p < message.length) {
      int tagStart = p;
      long[] tag = readVarint(message, p);
      p = (int) tag[1];
      int number = (int) (tag[0] >>> 3);
      int wireType = (int) (tag[0] & 7);
      switch (wireType) {
        case VARINT -> {
          long[] v = readVarint(message, p);
          fields.add(new Field(number, wireType, tagStart, p, (int) v[1], message));
          p = (int) v[1];
        }
        case FIXED64 -> {
          fields.add(new Field(number, wireType, tagStart, p, p + 8, message));
          p += 8;
        }
        case LENGTH_DELIMITED -> {
          long[] len = readVarint(message, p);
          int start = (int) len[1];
          long end = start + len[0];
          if (len[0] < 0 || end > message.length) {
            throw new IllegalArgumentException("protobuf field " + number + " at byte " + p
                + ": expected a length within the message, found " + len[0]);
          }
          fields.add(new Field(number, wireType, tagStart, start, (int) end, message));
          p = (int) end;
        }
        case FIXED32 -> {
          fields.add(new Field(number, wireType, tagStart, p, p + 4, message));
          p += 4;
        }
        default -> throw new IllegalArgumentException(
            "protobuf byte " + p + ": expected wire type 0, 1, 2 or 5, found " + wireType);
      }
      if (p > message.length) {
        throw new IllegalArgumentException("protobuf message truncated at field " + number);
      }
    }
    return fields;
  }

  /** Returns {value, next position}. */
  static long[] readVarint(byte[] b, int p) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= b.length) {
        throw new IllegalArgumentException("protobuf varint runs past the end at byte " + p);
      }
      int x = b[p++] & 0xff;
      value |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return new long[] {value, p};
      }
    }
    throw new IllegalArgumentException("protobuf varint longer than 10 bytes at byte " + p);
  }

  /** Builds one message, field by field. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Writer varint(int field, long value) {
      tag(field, VARINT);
      rawVarint(value);
      return this;
    }

    public Writer fixed32(int field, float value) {
      tag(field, FIXED32);
      rawFixed32(Float.floatToRawIntBits(value));
      return this;
    }

    public Writer string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public Writer bytes(int field, byte[] value) {
      tag(field, LENGTH_DELIMITED);
      rawVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    public Writer message(int field, Writer message) {
      return bytes(field, message.toByteArray());
    }

    /** A packed repeated int64 field. */
    public Writer packedVarints(int field, long... values) {
      Writer body = new Writer();
      for (long v : values) {
        body.rawVarint(v);
      }
      return bytes(field, body.toByteArray());
    }

    /** A packed repeated float field. */
    public Writer packedFloats(int field, float... values) {
      Writer body = new Writer();
      for (float v : values) {
        body.rawFixed32(Float.floatToRawIntBits(v));
      }
      return bytes(field, body.toByteArray());
    }

    /** Copies bytes that already are encoded fields. */
    public Writer raw(byte[] encodedFields, int from, int to) {
      out.write(encodedFields, from, to - from);
      return this;
    }

    /** Copies a scanned field as it was encoded. */
    public Writer field(Field f) {
      return raw(f.message(), f.tagStart(), f.end());
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
      while ((value & ~0x7fL) != 0) {
        out.write((int) ((value & 0x7f) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }

    private void rawFixed32(int bits) {
      out.write(bits);
      out.write(bits >>> 8);
      out.write(bits >>> 16);
      out.write(bits >>> 24);
    }
  }
}
