package org.gags.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One file on a Hadoop file system, written under a temporary name beside it and renamed into
 * place, so a reader never sees it half-written (the run's texts, training checkpoints, heatmaps).
 */
public final class AtomicWrites {
  /** Writes the file's bytes to the stream it is given. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  private AtomicWrites() {}

  public static void write(FileSystem fs, Path target, Body body) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID());
    fs.mkdirs(target.getParent());
    try (OutputStream out = fs.create(tmp, false)) {
      body.write(out);
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }
}
