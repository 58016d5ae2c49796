package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/** Little-endian primitive values written through a fixed-size buffer to a channel. */
final class LittleEndianOutput {
  private final WritableByteChannel channel;
  private final ByteBuffer buffer;

  LittleEndianOutput(WritableByteChannel channel, int bufferBytes) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  void putInt(int v) throws IOException {
    room(Integer.BYTES);
    buffer.putInt(v);
  }

  void putLong(long v) throws IOException {
    room(Long.BYTES);
    buffer.putLong(v);
  }

  void putFloat(float v) throws IOException {
    room(Float.BYTES);
    buffer.putFloat(v);
  }

  void putDouble(double v) throws IOException {
    room(Double.BYTES);
    buffer.putDouble(v);
  }

  void putBytes(byte[] bytes) throws IOException {
    int done = 0;
    while (done < bytes.length) {
      room(1);
      int n = Math.min(buffer.remaining(), bytes.length - done);
      buffer.put(bytes, done, n);
      done += n;
    }
  }

  /** Writes out everything buffered so far. */
  void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }
}
