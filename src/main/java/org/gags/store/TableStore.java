package org.gags.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * another config hash, means "redo". A store may keep some tables in folders of their own under
 * the root ({@link #withFolders}): a sweep keeps each stage's tables under {@link StageFolders}, one
 * folder per stage config hash, so grid points share what they have in common.
 */
public final class TableStore {
  public static final String MARKER = "_gags_commit.json";
  /** Row groups of 16 MiB, so that a reader can split a large table (200 depth maps) into many tasks. */
  static final int ROW_GROUP_BYTES = 16 << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String root;
  private final FileSystem fs;
  /** Table name to its folder under the root; a table not named here lives at the root. */
  private final Map<String, String> folders;

  public TableStore(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    try {
      this.fs = FileSystem.get(URI.create(this.root.contains(":") ? this.root : "file://" + new java.io.File(this.root).getAbsolutePath()), hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output root " + root + ": " + e.getMessage(), e);
    }
    this.folders = Map.of();
  }

  private TableStore(String root, FileSystem fs, Map<String, String> folders) {
    this.root = root;
    this.fs = fs;
    this.folders = Map.copyOf(folders);
  }

  /**
   * The same root, with each table named in {@code tableFolders} under that folder (relative to the
   * root, such as {@code stages/distill/<hash>}) instead of at the root; temporary files, run records
   * and the tables not named stay at the root.
   */
  public TableStore withFolders(Map<String, String> tableFolders) {
    return new TableStore(root, fs, tableFolders);
  }

  /** Table name to folder under the root, for the tables that do not live at the root. */
  public Map<String, String> folders() {
    return new TreeMap<>(folders);
  }

  /** The folder of {@code table} relative to the root: empty when it lives at the root. */
  public String folder(TableDef table) {
    return folders.getOrDefault(table.name(), "");
  }

  /** The folder that holds {@code table}'s folder: the root, or its own folder under the root. */
  public String tableRoot(TableDef table) {
    String f = folder(table);
    return f.isEmpty() ? root : root + "/" + f;
  }

  public String root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public Path partitionPath(TableDef table, String value) {
    return new Path(tableRoot(table) + "/" + table.name() + "/" + table.partitionColumn() + "=" + value);
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
    try {
      long count = rowsWritten(tmp);
      commitFolder(tmp, target, marker.withRows(count));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the partitions of several scenes in one Spark job: {@code rows} are in the table's
   * schema plus a last column {@code scene_id}. Each scene's rows become one file sorted by
   * {@code orderBy} (the same bytes as {@link #write(Dataset, TableDef, String, List, CommitMarker)}
   * writes for it alone). Once the rows are written, {@code commitAfterWrite} says which scenes to
   * commit (the job that computed the rows also found which scenes failed): each is renamed into
   * place and marked; the others are dropped with the temporary folder. {@code scenes} is how
   * many scenes the rows hold (one write task each).
   */
  public void writeScenes(Dataset<Row> rows, TableDef table, List<String> orderBy, int scenes,
      java.util.function.Supplier<java.util.Map<String, CommitMarker>> commitAfterWrite) {
    String key = table.partitionColumn();
    org.apache.spark.sql.types.StructType expected = table.schema().add(key, org.apache.spark.sql.types.DataTypes.StringType, false);
    if (!withoutMetadata(rows.schema()).equals(withoutMetadata(expected))) {
      throw new IllegalArgumentException("rows for " + table.name() + " do not match its schema plus " + key
          + ": expected " + expected.simpleString() + ", found " + rows.schema().simpleString());
    }
    Path tmp = new Path(root + "/_gags/tmp/" + table.name() + "/batch." + UUID.randomUUID());
    java.util.List<org.apache.spark.sql.Column> sort = new java.util.ArrayList<>();
    sort.add(org.apache.spark.sql.functions.col(key));
    orderBy.forEach(c -> sort.add(org.apache.spark.sql.functions.col(c)));
    rows.repartition(Math.max(1, scenes), org.apache.spark.sql.functions.col(key))
        .sortWithinPartitions(sort.toArray(org.apache.spark.sql.Column[]::new))
        .write().mode(SaveMode.ErrorIfExists).partitionBy(key)
        .option("compression", table.compression()).option("parquet.block.size", ROW_GROUP_BYTES).parquet(tmp.toString());
    java.util.Map<String, CommitMarker> commit = commitAfterWrite.get();
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    try {
      if (fs.exists(tmp)) {
        for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(tmp)) {
          String name = st.getPath().getName();
          if (st.isDirectory() && name.startsWith(key + "=")) {
            counts.put(name.substring(key.length() + 1), rowsWritten(st.getPath()));
          }
        }
      }
      for (java.util.Map.Entry<String, CommitMarker> e : commit.entrySet()) {
        // Scene ids are letters, digits, '.', '_' and '-', which partition folder names keep as they are.
        Path part = new Path(tmp, key + "=" + e.getKey());
        if (!counts.containsKey(e.getKey())) {
          // No rows: written alone, so the partition holds a file with the schema, as a lone write makes.
          Dataset<Row> none = rows.sparkSession().createDataFrame(java.util.List.of(), withoutColumn(rows.schema(), key));
          write(none, table, e.getKey(), orderBy, e.getValue());
          continue;
        }
        commitFolder(part, partitionPath(table, e.getKey()), e.getValue().withRows(counts.get(e.getKey())));
      }
      fs.delete(tmp, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + table.name() + " of " + commit.keySet() + ": " + e.getMessage(), e);
    }
  }

  /** Rows in the Parquet files of a written folder, from their footers (no Spark job). */
  private long rowsWritten(Path folder) throws IOException {
    long n = 0;
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(folder)) {
      String name = st.getPath().getName();
      if (st.isFile() && name.endsWith(".parquet")) {
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(st, fs.getConf()))) {
          n += r.getRecordCount();
        }
      }
    }
    return n;
  }

  /** Reads the committed partitions of several scenes, with the partition column {@code scene_id} last. */
  public Dataset<Row> readScenes(SparkSession spark, TableDef table, List<String> values) {
    String key = table.partitionColumn();
    String[] paths = values.stream().map(v -> partitionPath(table, v).toString()).toArray(String[]::new);
    return spark.read().schema(table.schema().add(key, org.apache.spark.sql.types.DataTypes.StringType, false))
        .option("basePath", tableRoot(table) + "/" + table.name()).parquet(paths);
  }

  private static org.apache.spark.sql.types.StructType withoutColumn(org.apache.spark.sql.types.StructType s, String name) {
    return new org.apache.spark.sql.types.StructType(java.util.Arrays.stream(s.fields())
        .filter(f -> !f.name().equals(name)).toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  /** Renames a written folder into place and then marks it complete. */
  private void commitFolder(Path written, Path target, CommitMarker marker) throws IOException {
    fs.delete(target, true);
    fs.mkdirs(target.getParent());
    if (!fs.rename(written, target)) {
      throw new IOException("rename " + written + " -> " + target + " failed");
    }
    Path markerTmp = new Path(target, "." + MARKER + "." + UUID.randomUUID());
    try (OutputStream out = fs.create(markerTmp, false)) {
      JSON.writeValue(out, marker);
    }
    if (!fs.rename(markerTmp, new Path(target, MARKER))) {
      throw new IOException("rename " + markerTmp + " failed");
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
    try {
      AtomicWrites.write(fs, target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
