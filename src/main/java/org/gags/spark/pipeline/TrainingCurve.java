package org.gags.spark.pipeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.gags.store.rows.TrainingRow;

/**
 * The {@code training} rows a training has logged so far and its seconds of work, kept beside its
 * checkpoint ({@code <hash>.training} next to {@code <hash>.npz}) so that a resumed training
 * emits the whole loss curve, as an uninterrupted one does, and not only the part after the
 * checkpoint. Written before the checkpoint, so it always reaches at least the checkpoint's
 * iteration; {@link #upTo} drops what came after. Binary: a magic number, the version, the seconds,
 * the row count, then each row's iteration and view (int) and its five doubles.
 */
record TrainingCurve(List<TrainingRow> rows, double seconds) {
  private static final int MAGIC = 0x67616763; // "gagc"
  private static final int VERSION = 1;

  TrainingCurve {
    rows = List.copyOf(rows);
  }

  /** The file beside {@code checkpoint} ({@code .npz} replaced by {@code .training}). */
  static String beside(String checkpoint) {
    return checkpoint.replaceFirst("\\.npz$", "") + ".training";
  }

  /** The rows up to and including {@code iteration}. */
  List<TrainingRow> upTo(int iteration) {
    return rows.stream().filter(r -> r.iteration() <= iteration).toList();
  }

  void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeDouble(seconds);
    d.writeInt(rows.size());
    for (TrainingRow r : rows) {
      d.writeInt(r.iteration());
      d.writeInt(r.viewIndex());
      d.writeDouble(r.distill());
      d.writeDouble(r.entropy());
      d.writeDouble(r.consistency());
      d.writeDouble(r.total());
      d.writeDouble(r.seconds());
    }
    d.flush();
  }

  /**
   * @param name the file, for errors
   * @throws IOException naming the file and what was expected when it is not a curve of this version
   */
  static TrainingCurve read(InputStream in, String name) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int magic = d.readInt();
    int version = d.readInt();
    if (magic != MAGIC || version != VERSION) {
      throw new IOException(name + ": expected a training curve of version " + VERSION + ", found magic "
          + Integer.toHexString(magic) + " version " + version);
    }
    double seconds = d.readDouble();
    int n = d.readInt();
    if (n < 0) {
      throw new IOException(name + ": expected a row count >= 0, found " + n);
    }
    List<TrainingRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new TrainingRow(d.readInt(), d.readInt(), d.readDouble(), d.readDouble(), d.readDouble(), d.readDouble(),
          d.readDouble()));
    }
    return new TrainingCurve(rows, seconds);
  }
}
