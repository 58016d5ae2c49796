package org.gags.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The bytes of Parquet files that two JVMs writing the same rows write identically: the data pages.
 * The footer is left out because parquet-mr lists each column chunk's encodings from a HashSet of an
 * enum whose hash is the JVM's identity hash, so their order can differ between two JVMs writing
 * identical data (the same JVM writes identical files, which PipelineSparkTest checks on whole files).
 */
public final class ParquetPages {
  private ParquetPages() {}

  /** The file up to its footer: every data page, byte for byte. */
  public static byte[] beforeFooter(byte[] file) {
    int n = file.length;
    int footer = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
    assertEquals("PAR1", new String(file, n - 4, 4, StandardCharsets.US_ASCII));
    return Arrays.copyOf(file, n - 8 - footer);
  }

  /**
   * Each column's pages (dictionary and data, every row group in order), keyed by the column's dotted
   * path ({@code feature.list.element} for an array); the footer gives where each chunk lies.
   */
  public static Map<String, byte[]> columnChunks(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : block.getColumns()) {
          byte[] chunk = Arrays.copyOfRange(bytes, Math.toIntExact(c.getStartingPos()),
              Math.toIntExact(c.getStartingPos() + c.getTotalSize()));
          out.merge(c.getPath().toDotString(), chunk, ParquetPages::concat);
        }
      }
    }
    return out;
  }

  /** The Parquet data files of one partition folder, in part-number order. */
  public static List<Path> dataFiles(Path partition) throws IOException {
    try (Stream<Path> s = Files.list(partition)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
