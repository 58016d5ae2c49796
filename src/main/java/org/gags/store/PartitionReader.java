package org.gags.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads one committed partition's Parquet files on an executor, without Spark: a task that needs a
 * whole scene's table (distillation reads every view's contributor lists) opens the files itself,
 * record by record, so nothing goes through the driver and one record is held at a time. The
 * driver lists the files ({@link #files}) and ships the paths.
 */
public final class PartitionReader {
  private PartitionReader() {}

  /** The data files of a committed partition, in name order (the driver's side). */
  public static List<String> files(TableStore store, TableDef table, String value) {
    Path dir = store.partitionPath(table, value);
    try {
      if (!store.fileSystem().exists(new Path(dir, TableStore.MARKER))) {
        throw new IllegalStateException(table.name() + " of " + table.partitionColumn() + "=" + value
            + ": expected a committed partition at " + dir + ", found none; run the stage that writes it first");
      }
      List<String> out = new ArrayList<>();
      for (FileStatus st : store.fileSystem().listStatus(dir)) {
        if (st.isFile() && st.getPath().getName().endsWith(".parquet")) {
          out.add(st.getPath().toString());
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The records of the files, in file order then row order (files as {@link #files} lists them). */
  public static Iterator<Group> records(List<String> files, Map<String, String> fsSettings) {
    Configuration conf = new Configuration();
    fsSettings.forEach(conf::set);
    return new Iterator<>() {
      private int next;
      private ParquetReader<Group> reader;
      private Group ahead;

      @Override
      public boolean hasNext() {
        try {
          while (ahead == null) {
            if (reader == null) {
              if (next == files.size()) {
                return false;
              }
              reader = ParquetReader.builder(new GroupReadSupport(), new Path(files.get(next++))).withConf(conf).build();
            }
            ahead = reader.read();
            if (ahead == null) {
              reader.close();
              reader = null;
            }
          }
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + files.get(Math.max(0, next - 1)) + ": " + e.getMessage(), e);
        }
      }

      @Override
      public Group next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Group g = ahead;
        ahead = null;
        return g;
      }
    };
  }

  public static int i(Group g, String column) {
    return g.getInteger(column, 0);
  }

  public static String s(Group g, String column) {
    return g.getString(column, 0);
  }

  public static byte[] bytes(Group g, String column) {
    return g.getBinary(column, 0).getBytes();
  }

  /** An {@code array<float>} column as Spark writes it (a LIST of {@code element}s). */
  public static float[] floats(Group g, String column) {
    Group list = g.getGroup(column, 0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int k = 0; k < n; k++) {
      out[k] = list.getGroup(0, k).getFloat(0, 0);
    }
    return out;
  }
}
