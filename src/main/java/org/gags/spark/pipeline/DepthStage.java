package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.spark.ExecutorClouds;
import org.gags.store.TableDef;
import org.gags.store.Tables;

/**
 * depth (executors): expected depth of every view at its original resolution, one task per
 * {@code depth.views_per_task} views; each executor JVM reads the scene's PLY once
 * ({@link ExecutorClouds}) and every task renders single-threaded (Spark runs one task per core).
 */
public final class DepthStage implements Stage {
  @Override
  public String name() {
    return ConfigKeys.DEPTH;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.SCAN);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.DEPTH);
  }

  @Override
  public void run(RunContext ctx, SceneRef scene, String hash) {
    List<SceneTables.ViewCamera> cams = SceneTables.cameras(ctx, scene);
    String ply = SceneTables.plyPath(ctx, scene);
    java.util.HashMap<String, String> fs = SceneTables.fsSettings(ctx);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    int tasks = Tasks.count(cams.size(), ctx.config().getInt("depth.views_per_task"));
    try (StageProgress progress = StageProgress.start(ctx, scene, name(), cams.size())) {
      LongAccumulator done = progress.views();
      JavaRDD<Row> rows = jsc.parallelize(cams, tasks)
          .mapPartitions((Iterator<SceneTables.ViewCamera> it) -> render(it, ply, fs, done));
      Commits.write(ctx, this, Tables.DEPTH, scene, hash, ctx.spark().createDataFrame(rows, Tables.DEPTH.schema()));
    }
  }

  private static Iterator<Row> render(
      Iterator<SceneTables.ViewCamera> views, String ply, java.util.Map<String, String> fs, LongAccumulator done) {
    GaussianCloud cloud = ExecutorClouds.get(ply, fs);
    RenderSettings one = RenderSettings.GSPLAT_CLASSIC.withThreads(1);
    List<Row> out = new ArrayList<>();
    while (views.hasNext()) {
      SceneTables.ViewCamera v = views.next();
      RenderResult r = Rasterizer.render(cloud, v.camera(), RenderRequest.depthOnly(), one);
      out.add(RowFactory.create(v.index(), r.width(), r.height(), FloatBytes.encode(r.depth()), r.stats().visible()));
      done.add(1);
    }
    return out.iterator();
  }
}
