package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed header of a binary little-endian PLY file: its elements in file order and the byte
 * offset where their data starts. Only the first {@value #MAX_HEADER_BYTES} bytes are searched for
 * {@code end_header}.
 */
record PlyHeader(List<Element> elements, long dataOffset) {
  static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final String FORMAT = "binary_little_endian";

  /** One {@code property} line; {@code type} is null for list properties. */
  record Property(String name, PlyType type, boolean list) {}

  /** One {@code element} line with its properties. */
  record Element(String name, long count, List<Property> properties) {
    /** Bytes per record; only meaningful without list properties. */
    int recordBytes() {
      int sum = 0;
      for (Property p : properties) {
        sum += p.list() ? 0 : p.type().bytes();
      }
      return sum;
    }

    String propertyNames() {
      StringBuilder sb = new StringBuilder();
      for (Property p : properties) {
        sb.append(sb.length() == 0 ? "" : " ").append(p.name());
      }
      return sb.toString();
    }
  }

  /** Reads and checks the header at the start of {@code channel}. */
  static PlyHeader read(String file, FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size, MAX_HEADER_BYTES));
    while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
      // positional reads until the window is full
    }
    return parse(file, bytes.array(), bytes.position(), size);
  }

  private static PlyHeader parse(String file, byte[] bytes, int length, long fileSize) {
    List<Element> elements = new ArrayList<>();
    List<Property> current = null;
    boolean formatSeen = false;
    int start = 0;
    int lineNumber = 0;
    while (true) {
      int end = indexOf(bytes, (byte) '\n', start, length);
      if (end < 0) {
        break;
      }
      lineNumber++;
      String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).strip();
      String location = "header line " + lineNumber;
      start = end + 1;
      if (lineNumber == 1) {
        if (!line.equals("ply")) {
          throw notPly(file, bytes, length);
        }
        continue;
      }
      String[] tokens = line.split("\\s+");
      switch (tokens[0]) {
        case "format":
          checkFormat(file, location, line, tokens);
          formatSeen = true;
          break;
        case "comment":
        case "obj_info":
        case "":
          break;
        case "element":
          current = new ArrayList<>();
          elements.add(parseElement(file, location, line, tokens, current));
          break;
        case "property":
          if (current == null) {
            throw new SceneFormatException(
                file, location, "an element line before the first property", line);
          }
          current.add(parseProperty(file, location, line, tokens));
          break;
        case "end_header":
          if (!formatSeen) {
            throw new SceneFormatException(
                file, location, "a 'format " + FORMAT + " 1.0' line before end_header", "none");
          }
          return new PlyHeader(List.copyOf(elements), start);
        default:
          throw new SceneFormatException(
              file, location, "format, comment, obj_info, element, property or end_header", line);
      }
    }
    if (lineNumber == 0
        && !new String(bytes, 0, Math.min(length, 3), StandardCharsets.ISO_8859_1).equals("ply")) {
      throw notPly(file, bytes, length);
    }
    throw new SceneFormatException(
        file,
        "header",
        "an end_header line within the first " + MAX_HEADER_BYTES + " bytes",
        fileSize <= MAX_HEADER_BYTES
            ? "end of file at byte " + fileSize + " without one"
            : "none in the first " + MAX_HEADER_BYTES + " bytes");
  }

  private static void checkFormat(String file, String location, String line, String[] tokens) {
    if (tokens.length != 3 || !tokens[1].equals(FORMAT) || !tokens[2].equals("1.0")) {
      throw new SceneFormatException(
          file, location, "format " + FORMAT + " 1.0 (only " + FORMAT + " is supported)", line);
    }
  }

  private static Element parseElement(
      String file, String location, String line, String[] tokens, List<Property> properties) {
    if (tokens.length != 3) {
      throw new SceneFormatException(file, location, "element NAME COUNT", line);
    }
    long count;
    try {
      count = Long.parseLong(tokens[2]);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 0) {
      throw new SceneFormatException(file, location, "a non-negative element count", line);
    }
    return new Element(tokens[1], count, properties);
  }

  private static Property parseProperty(
      String file, String location, String line, String[] tokens) {
    if (tokens.length >= 2 && tokens[1].equals("list")) {
      if (tokens.length != 5) {
        throw new SceneFormatException(
            file, location, "property list COUNT_TYPE ITEM_TYPE NAME", line);
      }
      return new Property(tokens[4], null, true);
    }
    if (tokens.length != 3) {
      throw new SceneFormatException(file, location, "property TYPE NAME", line);
    }
    PlyType type = PlyType.byName(tokens[1]);
    if (type == null) {
      throw new SceneFormatException(
          file,
          location,
          "a property type among " + PlyType.knownNames(),
          "'" + tokens[1] + "' in: " + line);
    }
    return new Property(tokens[2], type, false);
  }

  private static SceneFormatException notPly(String file, byte[] bytes, int length) {
    return new SceneFormatException(
        file,
        "byte offset 0",
        "a PLY file starting with the line 'ply'",
        length == 0 ? "an empty file" : printable(bytes, length));
  }

  /** The first bytes of the file as readable text, with non-printable bytes escaped. */
  private static String printable(byte[] bytes, int length) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < Math.min(length, 16); i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F) {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02x", b));
      }
    }
    return sb.append(length > 16 ? "...\"" : "\"").toString();
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
