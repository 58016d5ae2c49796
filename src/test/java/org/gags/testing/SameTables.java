package org.gags.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.gags.spark.pipeline.Stage;
import org.gags.spark.pipeline.Stages;
import org.gags.store.PartitionReader;
import org.gags.store.TableDef;

/**
 * Compares one scene's committed tables under two output roots: the same config hash, config and
 * row count in every commit marker, and the same data. A table whose rows hold a clock reading
 * (the training's seconds, the query latencies, the scoring run's id) is compared record by record
 * without those columns; every other table byte for byte: whole files when one JVM wrote both,
 * else up to the Parquet footer (parquet-mr lists a column chunk's encodings in a JVM-dependent
 * order there).
 */
public final class SameTables {
  /** The columns that hold a clock reading or a run id, per table. */
  public static final Map<String, Set<String>> VOLATILE = Map.of("training", Set.of("seconds"), "results",
      Set.of("render_ms", "decode_ms", "score_ms"), "metrics", Set.of("run_id"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private SameTables() {}

  /** Every table of every stage, in stage order. */
  public static List<TableDef> all() {
    List<TableDef> out = new ArrayList<>();
    for (Stage s : Stages.all()) {
      out.addAll(s.outputs());
    }
    return out;
  }

  /**
   * @param sameJvm whole files must be equal (else the bytes before the footer)
   * @return how many tables were compared
   */
  public static int assertSame(Path expected, Path actual, String scene, boolean sameJvm) throws IOException {
    int n = 0;
    for (TableDef t : all()) {
      assertSame(expected, actual, t, scene, sameJvm);
      n++;
    }
    return n;
  }

  public static void assertSame(Path expected, Path actual, TableDef t, String scene, boolean sameJvm) throws IOException {
    Path a = partition(expected, t, scene);
    Path b = partition(actual, t, scene);
    JsonNode ma = marker(a);
    JsonNode mb = marker(b);
    for (String field : List.of("configHash", "config", "rows", "tableVersion")) {
      assertEquals(ma.get(field), mb.get(field), t.name() + ": marker field " + field);
    }
    Path fa = onlyFile(a);
    Path fb = onlyFile(b);
    Set<String> skip = VOLATILE.get(t.name());
    if (skip != null) {
      assertEquals(records(fa, skip), records(fb, skip), t.name() + ": rows (without " + skip + ")");
    } else if (sameJvm) {
      assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb), t.name() + ": file bytes");
    } else {
      assertArrayEquals(beforeFooter(Files.readAllBytes(fa)), beforeFooter(Files.readAllBytes(fb)),
          t.name() + ": data pages");
    }
  }

  public static Path partition(Path out, TableDef t, String scene) {
    return out.resolve(t.name()).resolve(t.partitionColumn() + "=" + scene);
  }

  /** The partition's commit marker, which must be there. */
  public static JsonNode marker(Path partition) throws IOException {
    Path m = partition.resolve("_gags_commit.json");
    assertTrue(Files.exists(m), "no commit marker in " + partition);
    return JSON.readTree(m.toFile());
  }

  /** The partition's one Parquet file. */
  public static Path onlyFile(Path partition) throws IOException {
    try (Stream<Path> s = Files.list(partition)) {
      List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, files.size(), partition + ": " + files);
      return files.get(0);
    }
  }

  /** Each record as text, without the columns in {@code skip}, in file order. */
  public static List<String> records(Path file, Set<String> skip) {
    List<String> out = new ArrayList<>();
    for (Iterator<Group> it = PartitionReader.records(List.of(file.toUri().toString()), Map.of()); it.hasNext(); ) {
      Group g = it.next();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < g.getType().getFieldCount(); i++) {
        String name = g.getType().getFieldName(i);
        if (skip.contains(name)) {
          continue;
        }
        sb.append(name).append('=');
        for (int j = 0; j < g.getFieldRepetitionCount(i); j++) {
          sb.append(g.getType().getType(i).isPrimitive() ? g.getValueToString(i, j) : g.getGroup(i, j).toString())
              .append(';');
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** The file up to its footer: every data page. */
  public static byte[] beforeFooter(byte[] file) {
    int n = file.length;
    int footer = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
    assertEquals("PAR1", new String(file, n - 4, 4, StandardCharsets.US_ASCII));
    return Arrays.copyOf(file, n - 8 - footer);
  }
}
