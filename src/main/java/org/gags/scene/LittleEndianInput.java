package org.gags.scene;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Little-endian primitive values read from a file through a fixed-size buffer, tracking the byte
 * offset so that a short file is reported as {@link SceneFormatException} naming the offset, the
 * field being read and the record it belongs to (set with {@link #context}).
 */
final class LittleEndianInput implements Closeable {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buffer;
  private long offset;
  private String context = "";

  LittleEndianInput(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
    this.buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.limit(0);
  }

  /** Names the record being read (for example "image 3 of 120"), for error messages. */
  void context(String record) {
    this.context = record;
  }

  /** Byte offset of the next value. */
  long offset() {
    return offset;
  }

  /** Bytes left after the current offset. */
  long remaining() {
    return size - offset;
  }

  long size() {
    return size;
  }

  int readInt(String field) throws IOException {
    fill(Integer.BYTES, field);
    offset += Integer.BYTES;
    return buffer.getInt();
  }

  long readLong(String field) throws IOException {
    fill(Long.BYTES, field);
    offset += Long.BYTES;
    return buffer.getLong();
  }

  double readDouble(String field) throws IOException {
    fill(Double.BYTES, field);
    offset += Double.BYTES;
    return buffer.getDouble();
  }

  /** A UTF-8 string ended by a zero byte (the zero is consumed, not returned). */
  String readNullTerminated(String field) throws IOException {
    long start = offset;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (!buffer.hasRemaining()) {
        refill();
        if (!buffer.hasRemaining()) {
          throw new SceneFormatException(
              file.toString(),
              where(start, field),
              "a zero byte ending the string",
              "end of file at byte " + size + " after " + bytes.size() + " bytes of text");
        }
      }
      byte b = buffer.get();
      offset++;
      if (b == 0) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
      bytes.write(b);
    }
  }

  /** Skips {@code count} records of {@code recordBytes} bytes each. */
  void skip(long count, int recordBytes, String field) throws IOException {
    if (count < 0 || count > remaining() / recordBytes) {
      throw new SceneFormatException(
          file.toString(),
          where(offset, field),
          count + " × " + recordBytes + " bytes",
          "end of file at byte " + size + " (" + remaining() + " bytes left)");
    }
    long bytes = count * recordBytes;
    if (bytes <= buffer.remaining()) {
      buffer.position(buffer.position() + (int) bytes);
    } else {
      long beyond = bytes - buffer.remaining();
      buffer.limit(0);
      channel.position(channel.position() + beyond);
    }
    offset += bytes;
  }

  /** Location text for an error about the value starting at {@code at}. */
  String where(long at, String field) {
    return "byte offset " + at + " (" + (context.isEmpty() ? "" : context + ", ") + field + ")";
  }

  private void fill(int bytes, String field) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    if (remaining() < bytes) {
      throw new SceneFormatException(
          file.toString(),
          where(offset, field),
          bytes + " more bytes",
          "end of file at byte " + size);
    }
    refill();
    if (buffer.remaining() < bytes) {
      throw new SceneFormatException(
          file.toString(),
          where(offset, field),
          bytes + " more bytes",
          "the file shrank while being read");
    }
  }

  private void refill() throws IOException {
    buffer.compact();
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // keep reading until the buffer is full or the file ends
    }
    buffer.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
