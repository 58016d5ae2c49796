package org.gags.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Tables under one output root (a local path or any Hadoop URI), one folder per partition:
 * {@code <root>/<table>/<partition>=<value>/}. A partition is written under
 * {@code <root>/_gags/tmp/} first, renamed into place, and only then marked complete by
 * {@code _gags_commit.json} (itself written to a temporary name and renamed). So a reader or a
 * later run never takes an interrupted write for a complete one: no marker, or a marker with
 * another config hash, means "redo".
 */
public final class TableStore {
  public static final String MARKER = "_gags_commit.json";
  /** Row groups of 16 MiB, so that a reader can split a large table (200 depth maps) into many tasks. */
  static final int ROW_GROUP_BYTES = 16 << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String root;
  private final FileSystem fs;

  public TableStore(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    try {
      this.fs = FileSystem.get(URI.create(this.root.contains(":") ? this.root : "file://" + new java.io.File(this.root).getAbsolutePath()), hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output root " + root + ": " + e.getMessage(), e);
    }
  }

  public String root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public Path partitionPath(TableDef table, String value) {
    return new Path(root + "/" + table.name() + "/" + table.partitionColumn() + "=" + value);
  }

  /** The marker of a committed partition, or null when there is none (never written or interrupted). */
  public CommitMarker marker(TableDef table, String value) {
    Path m = new Path(partitionPath(table, value), MARKER);
    try {
      if (!fs.exists(m)) {
        return null;
      }
      try (InputStream in = fs.open(m)) {
        return JSON.readValue(in, CommitMarker.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + m + ": " + e.getMessage(), e);
    }
  }

  /** True when the partition is committed under exactly this config hash. */
  public boolean isComplete(TableDef table, String value, String configHash) {
    CommitMarker m = marker(table, value);
    return m != null && m.configHash().equals(configHash) && m.tableVersion() == table.version();
  }

  /**
   * Writes {@code rows} (in the table's schema, without the partition column) as the partition
   * {@code value} of {@code table}, replacing what was there, and commits it with {@code marker}
   * (its row count filled in from the written file). The rows are written as one file sorted by
   * {@code orderBy}, so the same rows always give the same bytes. The rows are computed once.
   */
  public void write(Dataset<Row> rows, TableDef table, String value, String orderBy, CommitMarker marker) {
    write(rows, table, value, List.of(orderBy), marker);
  }

  /**
   * As {@link #write(Dataset, TableDef, String, String, CommitMarker)}, sorted by several columns.
   * Column metadata on {@code rows} (such as the model spec id) is kept: Spark stores it in each
   * Parquet file's footer.
   */
  public void write(Dataset<Row> rows, TableDef table, String value, List<String> orderBy, CommitMarker marker) {
    if (!withoutMetadata(rows.schema()).equals(table.schema())) {
      throw new IllegalArgumentException("rows for " + table.name() + " do not match its schema: expected "
          + table.schema().simpleString() + ", found " + rows.schema().simpleString());
    }
    Path target = partitionPath(table, value);
    Path tmp = new Path(root + "/_gags/tmp/" + table.name() + "/" + table.partitionColumn() + "=" + value + "." + UUID.randomUUID());
    rows.repartition(1).sortWithinPartitions(orderBy.stream().map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new)).write().mode(SaveMode.ErrorIfExists)
        .option("compression", table.compression()).option("parquet.block.size", ROW_GROUP_BYTES).parquet(tmp.toString());
    long count = rows.sparkSession().read().parquet(tmp.toString()).count();
    try {
      fs.delete(target, true);
      fs.mkdirs(target.getParent());
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
      Path markerTmp = new Path(target, "." + MARKER + "." + UUID.randomUUID());
      try (OutputStream out = fs.create(markerTmp, false)) {
        JSON.writeValue(out, marker.withRows(count));
      }
      if (!fs.rename(markerTmp, new Path(target, MARKER))) {
        throw new IOException("rename " + markerTmp + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target + ": " + e.getMessage(), e);
    }
  }

  private static org.apache.spark.sql.types.StructType withoutMetadata(org.apache.spark.sql.types.StructType schema) {
    org.apache.spark.sql.types.StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new org.apache.spark.sql.types.StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(),
          org.apache.spark.sql.types.Metadata.empty());
    }
    return new org.apache.spark.sql.types.StructType(fields);
  }

  /** Reads a committed partition (without the partition column). */
  public Dataset<Row> read(SparkSession spark, TableDef table, String value) {
    return spark.read().schema(table.schema()).parquet(partitionPath(table, value).toString());
  }

  /** Removes temporary folders left by interrupted writes (call before a run starts). */
  public void clearTemporary() {
    try {
      fs.delete(new Path(root + "/_gags/tmp"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + root + "/_gags/tmp: " + e.getMessage(), e);
    }
  }

  /** Writes a small text file under the root, atomically (temp name + rename). */
  public void writeText(String relative, String text) {
    Path target = new Path(root + "/" + relative);
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID());
    try {
      fs.mkdirs(target.getParent());
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
