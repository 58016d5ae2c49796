package org.gags.scene;

import java.nio.ByteBuffer;
import java.util.Locale;

/** The scalar types a PLY property may have, under both their classic and sized names. */
enum PlyType {
  INT8(1, "char", "int8"),
  UINT8(1, "uchar", "uint8"),
  INT16(2, "short", "int16"),
  UINT16(2, "ushort", "uint16"),
  INT32(4, "int", "int32"),
  UINT32(4, "uint", "uint32"),
  FLOAT32(4, "float", "float32"),
  FLOAT64(8, "double", "float64");

  private final int bytes;
  private final String classicName;
  private final String sizedName;

  PlyType(int bytes, String classicName, String sizedName) {
    this.bytes = bytes;
    this.classicName = classicName;
    this.sizedName = sizedName;
  }

  int bytes() {
    return bytes;
  }

  /** The type called {@code name} in a header ({@code float}, {@code float32}, ...), or null. */
  static PlyType byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (PlyType t : values()) {
      if (t.classicName.equals(lower) || t.sizedName.equals(lower)) {
        return t;
      }
    }
    return null;
  }

  /** The value at byte {@code at} of a little-endian buffer, widened to double. */
  double read(ByteBuffer buffer, int at) {
    switch (this) {
      case INT8:
        return buffer.get(at);
      case UINT8:
        return buffer.get(at) & 0xFF;
      case INT16:
        return buffer.getShort(at);
      case UINT16:
        return buffer.getShort(at) & 0xFFFF;
      case INT32:
        return buffer.getInt(at);
      case UINT32:
        return buffer.getInt(at) & 0xFFFF_FFFFL;
      case FLOAT32:
        return buffer.getFloat(at);
      case FLOAT64:
        return buffer.getDouble(at);
      default:
        throw new AssertionError(this);
    }
  }

  static String knownNames() {
    StringBuilder sb = new StringBuilder();
    for (PlyType t : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(t.classicName).append('/').append(t.sizedName);
    }
    return sb.toString();
  }
}
