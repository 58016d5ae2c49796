package org.gags.spark.pipeline;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gags.scene.Camera;
import org.gags.spark.SceneStaging;
import org.gags.store.Tables;
import org.gags.store.rows.SceneRow;
import org.gags.store.rows.ViewRow;

/** Reads back what scan wrote, as plain values the executors can use. */
public final class SceneTables {
  private SceneTables() {}

  /** One view's camera by index. */
  record ViewCamera(int index, Camera camera) implements Serializable {}

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

  /** The {@link SceneInfo} of each scene, from one read of their {@code scenes} rows. */
  static Map<String, SceneInfo> infos(RunContext ctx, List<SceneRef> scenes) {
    Map<String, SceneRow> rows = new HashMap<>();
    List<String> ids = scenes.stream().map(SceneRef::id).toList();
    for (Row r : ctx.store().readScenes(ctx.spark(), Tables.SCENES, ids).collectAsList()) {
      rows.put(r.getString(r.fieldIndex(Tables.SCENES.partitionColumn())), SceneRow.from(r));
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

  static List<ViewCamera> cameras(RunContext ctx, SceneRef scene) {
    return ctx.store().read(ctx.spark(), Tables.VIEWS, scene.id()).orderBy("view_index").collectAsList().stream()
        .map(ViewRow::from).map(v -> new ViewCamera(v.viewIndex(), v.camera())).toList();
  }
}
