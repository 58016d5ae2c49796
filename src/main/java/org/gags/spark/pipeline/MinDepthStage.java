package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.prompt.MinDepth;
import org.gags.prompt.SparseMinDepth;
import org.gags.prompt.ViewVisibility;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.spark.ExecutorClouds;
import org.gags.store.TableDef;
import org.gags.store.Tables;

/**
 * min-depth (executors, METHOD 2.1): every Gaussian centre's visible depth in every view, reduced
 * to a per-Gaussian minimum without ever holding a Gaussians × views table: each task folds its
 * views into one float[N] of partial minima, and the partials are combined pairwise in a tree
 * ({@code treeReduce}) of element-wise minima, which is exact in any order. The minima are then
 * broadcast and each view's sparse min-depth map is written.
 */
public final class MinDepthStage implements Stage {
  @Override
  public String name() {
    return ConfigKeys.MIN_DEPTH;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.DEPTH);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.GAUSSIAN_MIN_DEPTH, Tables.MIN_DEPTH);
  }

  @Override
  public void run(RunContext ctx, SceneRef scene, String hash) {
    String ply = SceneTables.plyPath(ctx, scene);
    java.util.HashMap<String, String> fs = SceneTables.fsSettings(ctx);
    int n = Math.toIntExact(SceneTables.gaussians(ctx, scene));
    double tolerance = ctx.config().getDouble("min_depth.visibility_tolerance");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Map<Integer, Camera> cams = new HashMap<>();
    for (SceneTables.ViewCamera v : SceneTables.cameras(ctx, scene)) {
      cams.put(v.index(), v.camera());
    }
    Broadcast<Map<Integer, Camera>> cameras = jsc.broadcast(cams);
    int tasks = Tasks.count(cams.size(), ctx.config().getInt("depth.views_per_task"));
    JavaRDD<Row> depth = ctx.store().read(ctx.spark(), Tables.DEPTH, scene.id())
        .repartition(tasks).javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try (StageProgress progress = StageProgress.start(ctx, scene, name() + " (minima, then maps)", 2L * cams.size())) {
      LongAccumulator done = progress.views();
      float[] min = depth
          .mapPartitions((Iterator<Row> it) -> partialMin(it, ply, fs, n, cameras.value(), tolerance, done))
          .treeReduce(MinDepthStage::elementwiseMin, 2);
      int visible = 0;
      for (float v : min) {
        visible += Float.isFinite(v) ? 1 : 0;
      }
      Row perGaussian = RowFactory.create(n, FloatBytes.encode(min), visible);
      Commits.write(ctx, this, Tables.GAUSSIAN_MIN_DEPTH, scene, hash,
          Commits.frame(ctx, Tables.GAUSSIAN_MIN_DEPTH, List.of(perGaussian)));

      Broadcast<float[]> minima = jsc.broadcast(min);
      JavaRDD<Row> maps = depth.mapPartitions(
          (Iterator<Row> it) -> sparseMaps(it, ply, fs, cameras.value(), minima.value(), tolerance, done));
      Commits.write(ctx, this, Tables.MIN_DEPTH, scene, hash, ctx.spark().createDataFrame(maps, Tables.MIN_DEPTH.schema()));
      minima.destroy();
    } finally {
      depth.unpersist(false);
      cameras.destroy();
    }
  }

  private static Iterator<float[]> partialMin(
      Iterator<Row> rows, String ply, Map<String, String> fs, int n, Map<Integer, Camera> cams, double tol,
      LongAccumulator done) {
    if (!rows.hasNext()) {
      return Collections.emptyIterator();
    }
    GaussianCloud cloud = ExecutorClouds.get(ply, fs);
    float[] min = new float[n];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    while (rows.hasNext()) {
      Row r = rows.next();
      Camera cam = cams.get(r.getInt(0));
      MinDepth.accumulateMin(MinDepth.visible(cloud.positions(), cam, FloatBytes.decode((byte[]) r.get(3)), tol), min);
      done.add(1);
    }
    return Collections.singletonList(min).iterator();
  }

  static float[] elementwiseMin(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.min(a[i], b[i]);
    }
    return out;
  }

  private static Iterator<Row> sparseMaps(
      Iterator<Row> rows, String ply, Map<String, String> fs, Map<Integer, Camera> cams, float[] min, double tol,
      LongAccumulator done) {
    List<Row> out = new ArrayList<>();
    if (!rows.hasNext()) {
      return out.iterator();
    }
    GaussianCloud cloud = ExecutorClouds.get(ply, fs);
    while (rows.hasNext()) {
      Row r = rows.next();
      int view = r.getInt(0);
      ViewVisibility vis = MinDepth.visible(cloud.positions(), cams.get(view), FloatBytes.decode((byte[]) r.get(3)), tol);
      SparseMinDepth map = MinDepth.sparseMap(vis, min);
      out.add(RowFactory.create(view, map.width(), map.height(), map.pixels().length, FloatBytes.encodeInts(map.pixels()),
          FloatBytes.encode(map.values())));
      done.add(1);
    }
    return out.iterator();
  }
}
