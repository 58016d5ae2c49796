package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * The block layout of a PNG or JPEG file, checked against the file's size without decoding any
 * pixel, so that a photo cut short or with bytes after its end is refused when a scene is scanned
 * and again when it is decoded.
 *
 * <ul>
 *   <li>PNG: the signature, then chunks (length, type, data, CRC) from IHDR to IEND, at least one
 *       IDAT among them; each chunk must fit in the file and IEND must end it. A deep check (the
 *       decoder's: the bytes are in memory then) checks every chunk's CRC too.
 *   <li>JPEG: SOI, then marker segments up to the first start of scan (each one's length must fit
 *       in the file), and the end-of-image marker FF D9 as the file's last two bytes. A deep check
 *       follows the entropy-coded data of every scan to the first end-of-image marker, which must
 *       be those last two bytes.
 * </ul>
 *
 * Other formats are left to their ImageIO reader ({@link Format#OTHER}).
 */
final class ImageLayout {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int PNG_CHUNK_OVERHEAD = 12;

  enum Format {
    PNG,
    JPEG,
    OTHER
  }

  /** Random access to a file's bytes, in memory or through a channel. */
  interface Source {
    long size();

    /** {@code n} bytes from byte offset {@code at}, which the caller has checked exist. */
    byte[] read(long at, int n) throws IOException;

    /** All the bytes when they are in memory, else null (no deep check then). */
    default byte[] all() {
      return null;
    }
  }

  private ImageLayout() {}

  static Source of(byte[] bytes) {
    return new Source() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public byte[] read(long at, int n) {
        byte[] out = new byte[n];
        System.arraycopy(bytes, (int) at, out, 0, n);
        return out;
      }

      @Override
      public byte[] all() {
        return bytes;
      }
    };
  }

  static Source of(FileChannel channel) throws IOException {
    long size = channel.size();
    return new Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long at, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, at + buffer.position()) < 0) {
            throw new IOException("the file shrank while being read (end of file at byte " + (at + buffer.position()) + ")");
          }
        }
        return buffer.array();
      }
    };
  }

  /**
   * Checks the layout of {@code in} when it is a PNG or JPEG file.
   *
   * @param deep also check PNG CRCs and the JPEG's entropy-coded data (needs {@link Source#all})
   * @return the format recognised by its first bytes
   * @throws SceneFormatException naming {@code file} and the byte offset where the layout breaks
   */
  static Format check(String file, Source in, boolean deep) throws IOException {
    if (deep && in.all() == null) {
      throw new IllegalArgumentException("a deep check needs the bytes in memory");
    }
    long size = in.size();
    byte[] head = in.read(0, (int) Math.min(size, PNG_SIGNATURE.length));
    if (startsWith(head, PNG_SIGNATURE)) {
      checkPng(file, in, deep);
      return Format.PNG;
    }
    if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      checkJpeg(file, in, deep);
      return Format.JPEG;
    }
    return Format.OTHER;
  }

  private static void checkPng(String file, Source in, boolean crc) throws IOException {
    long size = in.size();
    long at = PNG_SIGNATURE.length;
    boolean idat = false;
    for (int chunk = 0; ; chunk++) {
      if (size - at < PNG_CHUNK_OVERHEAD) {
        throw new SceneFormatException(file, "PNG chunk " + chunk + " at byte offset " + at,
            "a chunk of at least 12 bytes (length, type, CRC) up to IEND",
            "end of file at byte " + size + " (the file is cut short)");
      }
      byte[] head = in.read(at, 8);
      long length = u32(head, 0);
      String type = chunkType(head);
      String where = "PNG chunk " + chunk + (type == null ? "" : " (" + type + ")") + " at byte offset " + at;
      if (type == null) {
        throw new SceneFormatException(file, where, "a chunk type of 4 ASCII letters", hex(head, 4, 4));
      }
      if (chunk == 0 && (!type.equals("IHDR") || length != 13)) {
        throw new SceneFormatException(file, where, "the 13-byte IHDR chunk first", type + " of " + length + " bytes");
      }
      if (length > Integer.MAX_VALUE || length > size - at - PNG_CHUNK_OVERHEAD) {
        throw new SceneFormatException(file, where,
            length + " data bytes and a CRC (to byte " + (at + PNG_CHUNK_OVERHEAD + length) + ")",
            "a file of " + size + " bytes (the file is cut short or the length is damaged)");
      }
      if (crc) {
        byte[] body = in.read(at + 4, (int) length + 4);
        CRC32 sum = new CRC32();
        sum.update(body, 0, body.length);
        long stored = u32(in.read(at + 8 + length, 4), 0);
        if (sum.getValue() != stored) {
          throw new SceneFormatException(file, where, String.format("CRC %08x (of the chunk's bytes)", sum.getValue()),
              String.format("%08x (the chunk is damaged)", stored));
        }
      }
      idat |= type.equals("IDAT");
      at += PNG_CHUNK_OVERHEAD + length;
      if (type.equals("IEND")) {
        if (!idat) {
          throw new SceneFormatException(file, where, "at least one IDAT chunk before IEND", "none");
        }
        if (at != size) {
          throw new SceneFormatException(file, "byte offset " + at + " (after the IEND chunk)", "the end of the file",
              (size - at) + " more bytes");
        }
        return;
      }
    }
  }

  private static void checkJpeg(String file, Source in, boolean deep) throws IOException {
    long size = in.size();
    byte[] tail = in.read(Math.max(0, size - 2), (int) Math.min(size, 2));
    if (tail.length < 2 || (tail[0] & 0xff) != 0xff || (tail[1] & 0xff) != 0xd9) {
      throw new SceneFormatException(file, "the last 2 bytes (byte offset " + Math.max(0, size - 2) + ")",
          "the JPEG end-of-image marker FF D9", hex(tail, 0, tail.length) + " (the file is cut short or has bytes after its end)");
    }
    long at = 2;
    long end = size - 2;
    while (true) {
      if (end - at < 2) {
        throw new SceneFormatException(file, "JPEG marker at byte offset " + at, "marker segments up to a start of scan (FF DA)",
            "the end-of-image marker at byte offset " + end);
      }
      byte[] marker = in.read(at, 2);
      int code = marker[1] & 0xff;
      if ((marker[0] & 0xff) != 0xff) {
        throw new SceneFormatException(file, "JPEG marker at byte offset " + at, "a marker (FF xx)", hex(marker, 0, 2));
      }
      if (code == 0xff) {
        at++; // a fill byte before the marker
        continue;
      }
      String where = String.format("JPEG segment FF %02X at byte offset %d", code, at);
      if (code == 0x01 || (code >= 0xd0 && code <= 0xd7)) {
        at += 2;
        continue;
      }
      if (code == 0xd9) {
        throw new SceneFormatException(file, where, "the end-of-image marker only as the file's last 2 bytes (byte offset "
            + end + ")", (end - at) + " more bytes after it");
      }
      if (code == 0x00 || code == 0xd8) {
        throw new SceneFormatException(file, where, "a marker segment", String.format("marker FF %02X", code));
      }
      if (end - at < 4) {
        throw new SceneFormatException(file, where, "a 2-byte segment length", "the end-of-image marker at byte " + end);
      }
      byte[] len = in.read(at + 2, 2);
      int length = ((len[0] & 0xff) << 8) | (len[1] & 0xff);
      if (length < 2 || length > end - at - 2) {
        throw new SceneFormatException(file, where, "a segment length of 2.." + (end - at - 2) + " bytes (inside the file)",
            length + " (the file is cut short or the length is damaged)");
      }
      at += 2 + length;
      if (code == 0xda) {
        if (!deep) {
          return;
        }
        at = afterEntropyData(in.all(), at);
        if (at == end) {
          return;
        }
      }
    }
  }

  /**
   * The offset of the first marker after the entropy-coded data that starts at {@code at}: the
   * first FF not followed by 00 (a stuffed FF), FF (fill) or D0..D7 (a restart marker); the file's
   * end when there is none.
   */
  private static long afterEntropyData(byte[] bytes, long from) {
    int i = (int) from;
    while (i + 1 < bytes.length) {
      if ((bytes[i] & 0xff) != 0xff) {
        i++;
        continue;
      }
      int next = bytes[i + 1] & 0xff;
      if (next == 0x00 || next == 0xff || (next >= 0xd0 && next <= 0xd7)) {
        i += next == 0xff ? 1 : 2;
        continue;
      }
      return i;
    }
    return bytes.length;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  /** The chunk type at bytes 4..7, or null when they are not 4 ASCII letters. */
  private static String chunkType(byte[] head) {
    StringBuilder sb = new StringBuilder(4);
    for (int i = 4; i < 8; i++) {
      char c = (char) (head[i] & 0xff);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return null;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String hex(byte[] b, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xff));
    }
    return sb.length() == 0 ? "nothing" : sb.toString();
  }
}
