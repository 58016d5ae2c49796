package org.gags.spark.sweep;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ConfigKeys;
import org.gags.config.ResolvedConfig;
import org.gags.spark.pipeline.RunReport;
import org.gags.spark.pipeline.SceneRef;
import org.gags.store.CommitMarker;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.MetricsRow;
import org.gags.store.rows.SweepMetricsRow;

/**
 * A grid point's {@code sweep_metrics} rows: one per scene with {@code metrics} committed under the
 * point's eval hash (in the eval stage's folder, so scenes scored by an earlier sweep of the same
 * config are kept), with the training time from {@code training}, the per-frame query time from
 * {@code results}, and the stages this run computed. The partition's marker records the overrides,
 * the eval hash and the scenes; a point is up to date when that marker covers a sweep's scenes.
 */
final class SweepRows {
  static final String STAGE = "sweep";
  static final String OVERRIDES = "overrides";
  static final String EVAL_HASH = "eval_hash";
  static final String SCENES = "scenes";

  private SweepRows() {}

  /** True when the point's partition was committed for these overrides and eval hash and covers every scene. */
  static boolean upToDate(TableStore root, String point, String overrides, String evalHash, List<SceneRef> scenes) {
    CommitMarker m = current(root, point, overrides, evalHash);
    return m != null && Set.of(m.config().get(SCENES).split(",")).containsAll(scenes.stream().map(SceneRef::id).toList());
  }

  /** The point's committed marker when it was made for these overrides and eval hash, else null. */
  static CommitMarker current(TableStore root, String point, String overrides, String evalHash) {
    CommitMarker m = root.marker(Tables.SWEEP_METRICS, point);
    boolean same = m != null && m.tableVersion() == Tables.SWEEP_METRICS.version()
        && overrides.equals(m.config().get(OVERRIDES)) && evalHash.equals(m.config().get(EVAL_HASH));
    return same ? m : null;
  }

  /** The rows of every scene scored under the point's eval hash; {@code report} says what this run computed. */
  static List<SweepMetricsRow> of(Sweep.PlannedPoint p, RunReport report) {
    TableStore store = p.ctx().store();
    SparkSession spark = p.ctx().spark();
    String evalHash = p.evalHash();
    List<String> ids = scored(store, evalHash);
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Double> train = new HashMap<>();
    List<String> trained = ids.stream()
        .filter(id -> store.isComplete(Tables.TRAINING, id, p.hashes().get(ConfigKeys.DISTILL))).toList();
    if (!trained.isEmpty()) {
      for (Row r : store.readScenes(spark, Tables.TRAINING, trained).groupBy("scene_id").agg(max("seconds"))
          .collectAsList()) {
        train.put(r.getString(0), r.getDouble(1));
      }
    }
    Map<String, Double> query = new HashMap<>();
    for (Row r : store.readScenes(spark, Tables.RESULTS, ids).groupBy("scene_id", "frame")
        .agg(max("render_ms").plus(max("decode_ms")).plus(max("score_ms")).as("ms"))
        .groupBy("scene_id").agg(avg(col("ms"))).collectAsList()) {
      query.put(r.getString(0), r.getDouble(1));
    }
    Map<String, RunReport.SceneResult> done = new HashMap<>();
    report.scenes().forEach(r -> done.put(r.scene().id(), r));
    String folder = store.folder(Tables.METRICS);
    List<SweepMetricsRow> rows = new ArrayList<>();
    for (Row r : store.readScenes(spark, Tables.METRICS, ids).collectAsList()) {
      String id = r.getString(r.fieldIndex(Tables.METRICS.partitionColumn()));
      MetricsRow m = MetricsRow.from(r);
      RunReport.SceneResult here = done.get(id);
      List<String> computed = here == null ? List.of() : here.computed();
      double seconds = here == null ? 0 : here.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
      rows.add(new SweepMetricsRow(id, p.point().overridesText(), m.mAcc(), m.mIou(), m.pairs(), m.hits(), m.frames(),
          evalHash, folder, train.getOrDefault(id, Double.NaN), query.getOrDefault(id, Double.NaN), computed, seconds,
          p.ctx().runId()));
    }
    return rows;
  }

  /** Replaces the point's partition with {@code rows}, its marker naming the overrides, the eval hash and the scenes. */
  static void commit(TableStore root, Sweep.PlannedPoint p, List<SweepMetricsRow> rows) {
    Map<String, String> config = new TreeMap<>();
    config.put(OVERRIDES, p.point().overridesText());
    config.put(EVAL_HASH, p.evalHash());
    config.put(SCENES, String.join(",", rows.stream().map(SweepMetricsRow::sceneId).sorted().toList()));
    List<String> lines = new ArrayList<>();
    config.forEach((k, v) -> lines.add(k + "=" + v));
    CommitMarker marker = new CommitMarker(Tables.SWEEP_METRICS.name(), Tables.SWEEP_METRICS.version(),
        p.point().name(), STAGE, ResolvedConfig.sha256(lines), config, p.ctx().runId(), p.ctx().gagsVersion(),
        Instant.now().toString(), -1);
    SparkSession spark = p.ctx().spark();
    root.write(spark.createDataFrame(rows.stream().map(SweepMetricsRow::toRow).toList(), Tables.SWEEP_METRICS.schema()),
        Tables.SWEEP_METRICS, p.point().name(), "scene_id", marker);
  }

  /** The scenes with {@code metrics} committed under {@code evalHash} in the store's metrics folder, sorted. */
  private static List<String> scored(TableStore store, String evalHash) {
    Path dir = new Path(store.tableRoot(Tables.METRICS) + "/" + Tables.METRICS.name());
    String prefix = Tables.METRICS.partitionColumn() + "=";
    List<String> ids = new ArrayList<>();
    try {
      if (!store.fileSystem().exists(dir)) {
        return ids;
      }
      for (FileStatus st : store.fileSystem().listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(prefix)
            && store.isComplete(Tables.METRICS, name.substring(prefix.length()), evalHash)) {
          ids.add(name.substring(prefix.length()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    ids.sort(null);
    return ids;
  }
}
