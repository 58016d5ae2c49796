package org.gags.spark.pipeline;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.gags.scene.Camera;
import org.gags.spark.SceneStaging;
import org.gags.store.Tables;

/** Reads back what scan wrote, as plain values the executors can use. */
final class SceneTables {
  private SceneTables() {}

  /** One view's camera by index. */
  record ViewCamera(int index, Camera camera) implements Serializable {}

  /** The scene's PLY: a local path, or its Hadoop URI when the scene is remote. */
  static String plyPath(RunContext ctx, SceneRef scene) {
    Row row = ctx.store().read(ctx.spark(), Tables.SCENES, scene.id()).first();
    String uri = row.getString(row.fieldIndex("ply_uri"));
    return SceneStaging.isRemote(uri) ? uri : Path.of(URI.create(uri)).toString();
  }

  /** File-system settings for executors that open remote scene files. */
  static java.util.HashMap<String, String> fsSettings(RunContext ctx) {
    return new java.util.HashMap<>(SceneStaging.fsSettings(ctx.spark().sparkContext().hadoopConfiguration()));
  }

  static long gaussians(RunContext ctx, SceneRef scene) {
    Row row = ctx.store().read(ctx.spark(), Tables.SCENES, scene.id()).first();
    return row.getLong(row.fieldIndex("gaussians"));
  }

  static List<ViewCamera> cameras(RunContext ctx, SceneRef scene) {
    List<Row> rows = ctx.store().read(ctx.spark(), Tables.VIEWS, scene.id()).orderBy("view_index").collectAsList();
    return rows.stream().map(SceneTables::camera).toList();
  }

  private static ViewCamera camera(Row r) {
    List<Double> rot = r.getList(r.fieldIndex("rotation"));
    List<Double> tr = r.getList(r.fieldIndex("translation"));
    double[] rotation = rot.stream().mapToDouble(Double::doubleValue).toArray();
    double[] translation = tr.stream().mapToDouble(Double::doubleValue).toArray();
    Camera c = new Camera(rotation, translation, r.getDouble(r.fieldIndex("fx")), r.getDouble(r.fieldIndex("fy")),
        r.getDouble(r.fieldIndex("cx")), r.getDouble(r.fieldIndex("cy")), r.getInt(r.fieldIndex("width")),
        r.getInt(r.fieldIndex("height")));
    return new ViewCamera(r.getInt(r.fieldIndex("view_index")), c);
  }
}
