package org.gags.spark.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gags.spark.SceneStaging;
import org.gags.store.Tables;
import org.gags.store.rows.SceneRow;

/** Reads back what scan wrote, as plain values the executors can use. */
public final class SceneTables {
  private SceneTables() {}

  /**
   * What a stage prepares its work from: the scene, its {@code scenes} row, its PLY (a local path,
   * or its Hadoop URI when the scene is remote) and the file-system settings that open remote files.
   */
  public record SceneInfo(SceneRef ref, SceneRow row, String plyPath, HashMap<String, String> fs) {
    public String id() {
      return ref.id();
    }

    public int views() {
      return row.views();
    }

    public int gaussians() {
      return Math.toIntExact(row.gaussians());
    }
  }

  /** {@code scenes} rows read by this driver, by output root, scene and commit (a new scan commits anew). */
  private static final Map<String, SceneRow> READ = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The {@link SceneInfo} of each scene. Every stage of a batch needs them; their {@code scenes}
   * rows are read in one Spark job the first time and then taken from this driver's memory for as
   * long as the partition's commit marker is the same.
   */
  static Map<String, SceneInfo> infos(RunContext ctx, List<SceneRef> scenes) {
    Map<String, SceneRow> rows = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    List<String> missing = new java.util.ArrayList<>();
    for (SceneRef s : scenes) {
      org.gags.store.CommitMarker m = ctx.store().marker(Tables.SCENES, s.id());
      String key = ctx.store().partitionPath(Tables.SCENES, s.id()) + "|" + (m == null ? "" : m.runId() + "@" + m.committedAt());
      keys.put(s.id(), key);
      SceneRow known = m == null ? null : READ.get(key);
      if (known != null) {
        rows.put(s.id(), known);
      } else {
        missing.add(s.id());
      }
    }
    if (!missing.isEmpty()) {
      if (READ.size() > 10_000) {
        READ.clear(); // a bound, not an eviction policy: a long driver re-reads at most once per stage
      }
      for (Row r : ctx.store().readScenes(ctx.spark(), Tables.SCENES, missing).collectAsList()) {
        String id = r.getString(r.fieldIndex(Tables.SCENES.partitionColumn()));
        SceneRow row = SceneRow.from(r);
        rows.put(id, row);
        READ.put(keys.get(id), row);
      }
    }
    HashMap<String, String> fs = fsSettings(ctx);
    Map<String, SceneInfo> out = new LinkedHashMap<>();
    for (SceneRef s : scenes) {
      SceneRow row = rows.get(s.id());
      if (row == null) {
        throw new IllegalStateException("scenes of scene " + s.id() + ": expected a committed row, found none");
      }
      String uri = row.plyUri();
      String ply = SceneStaging.isRemote(uri) ? uri : Path.of(URI.create(uri)).toString();
      out.put(s.id(), new SceneInfo(s, row, ply, fs));
    }
    return out;
  }

  /** File-system settings for executors that open remote scene files. */
  static HashMap<String, String> fsSettings(RunContext ctx) {
    return new HashMap<>(SceneStaging.fsSettings(ctx.spark().sparkContext().hadoopConfiguration()));
  }
}
