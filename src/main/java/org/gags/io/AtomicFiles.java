package org.gags.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new one: the body writes
 * a temporary file in the target's folder, which is flushed to disk and then renamed over the
 * target. On any failure the temporary file is removed and the target is left untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What is written into the temporary file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /**
   * Replaces {@code target} with what {@code body} writes, creating missing parent folders.
   *
   * @throws UncheckedIOException when the file system fails; exceptions thrown by the body pass
   *     through unchanged
   */
  public static void write(Path target, Body body) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp =
        dir.resolve(
            String.format(
                ".%s.%016x.tmp", absolute.getFileName(), ThreadLocalRandom.current().nextLong()));
    boolean moved = false;
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        body.writeTo(channel);
        channel.force(true);
      }
      move(temp, absolute);
      moved = true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
  }

  /** Replaces {@code target} with {@code bytes}, as {@link #write(Path, Body)}. */
  public static void write(Path target, byte[] bytes) {
    write(
        target,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        });
  }

  /** Replaces {@code target} with what {@code writer} writes to a buffered stream. */
  public static void writeStream(Path target, StreamWriter writer) {
    write(target, channel -> {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
      writer.write(out);
      out.flush();
    });
  }

  /** Replaces {@code target} with a UTF-8 string. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Produces a file's bytes on a stream (which it must not close). */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Cleanup after a failure that is already being reported; a second error would hide it. */
  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The original failure propagates; a stray hidden .tmp file is the lesser problem.
    }
  }
}
