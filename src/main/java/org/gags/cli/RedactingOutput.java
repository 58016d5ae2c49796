package org.gags.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.gags.config.Redaction;

/**
 * The last guard on what the command line prints: stdout and stderr go through this stream, which
 * passes them on a line at a time with {@link Redaction#text} applied, so a secret the JVM knows
 * (or a secret {@code key=value}) is redacted even when a library prints it. Lines are handled as
 * ISO-8859-1, byte for byte, so any other bytes pass unchanged; a flush passes on a partial line.
 */
final class RedactingOutput extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final Redaction redaction = Redaction.standard();

  RedactingOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      passLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int from = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line.write(b, from, i + 1 - from);
        passLine();
        from = i + 1;
      }
    }
    line.write(b, from, off + len - from);
  }

  @Override
  public synchronized void flush() throws IOException {
    passLine();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    out.close();
  }

  private void passLine() throws IOException {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    line.reset();
    out.write(redaction.latin1Text(text).getBytes(StandardCharsets.ISO_8859_1));
  }
}
