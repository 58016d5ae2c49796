package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.config.ResolvedConfig;
import org.gags.prompt.PromptConfig;
import org.gags.prompt.PromptSampler;
import org.gags.prompt.PromptSeeds;
import org.gags.prompt.Prompts;
import org.gags.prompt.SparseMinDepth;
import org.gags.store.TableDef;
import org.gags.store.Tables;

/**
 * prompts (executors, METHOD 2.2-2.3): per view, the depth map and the sparse min-depth map give
 * each 8×8 patch its number of points and the cells they fall in; or the uniform grid. Seeded per
 * (seed, scene, view), so a rerun gives the same table byte for byte.
 */
public final class PromptsStage implements Stage {
  @Override
  public String name() {
    return ConfigKeys.PROMPTS;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.MIN_DEPTH);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.PROMPTS);
  }

  /** The prompt settings of a run's configuration. */
  public static PromptConfig promptConfig(ResolvedConfig c) {
    return new PromptConfig(
        PromptConfig.Mode.fromName(c.get("prompt.mode")),
        PromptConfig.Density.fromName(c.get("prompt.density")),
        c.getInt("prompt.patches_per_side"),
        c.getInt("prompt.cells_per_side"),
        c.getInt("prompt.points_per_side_at_nearest"),
        c.getInt("prompt.max_points_per_side"),
        c.getInt("prompt.paper_text_base_points"),
        c.getInt("prompt.grid_per_side"),
        c.getLong("prompt.seed"),
        c.getDouble("min_depth.visibility_tolerance"));
  }

  @Override
  public void run(RunContext ctx, SceneRef scene, String hash) {
    java.util.HashMap<String, String> settings = new java.util.HashMap<>(ctx.config().values());
    Dataset<Row> depth = ctx.store().read(ctx.spark(), Tables.DEPTH, scene.id()).select("view_index", "width", "height", "depth");
    Dataset<Row> min = ctx.store().read(ctx.spark(), Tables.MIN_DEPTH, scene.id()).select("view_index", "pixels", "values");
    int views = (int) depth.count();
    int tasks = Tasks.count(views, ctx.config().getInt("depth.views_per_task"));
    // Both sides hash-partitioned alike, so the join needs no further exchange: one shuffle each.
    Column key = org.apache.spark.sql.functions.col("view_index");
    depth = depth.repartition(tasks, key);
    min = min.repartition(tasks, key);
    String sceneId = scene.id();
    try (StageProgress progress = StageProgress.start(ctx, scene, name(), views)) {
      LongAccumulator done = progress.views();
      JavaRDD<Row> rows = depth.join(min, "view_index").javaRDD()
          .mapPartitions((Iterator<Row> it) -> sample(it, promptConfig(ResolvedConfig.of(settings)), sceneId, done));
      Commits.write(ctx, this, Tables.PROMPTS, scene, hash, ctx.spark().createDataFrame(rows, Tables.PROMPTS.schema()));
    }
  }

  private static Iterator<Row> sample(Iterator<Row> in, PromptConfig cfg, String sceneId, LongAccumulator done) {
    List<Row> out = new ArrayList<>();
    while (in.hasNext()) {
      Row r = in.next();
      int view = r.getInt(0);
      int w = r.getInt(1);
      int h = r.getInt(2);
      float[] depth = FloatBytes.decode((byte[]) r.get(3));
      float[] dense = new SparseMinDepth(w, h, FloatBytes.decodeInts((byte[]) r.get(4)), FloatBytes.decode((byte[]) r.get(5)))
          .dense();
      long seed = PromptSeeds.forView(cfg.seed(), sceneId, view);
      Prompts p = PromptSampler.sample(depth, dense, w, h, cfg, seed);
      out.add(RowFactory.create(view, w, h, cfg.mode().configName(), cfg.density().configName(), seed, p.count(),
          p.x(), p.y(), p.patchPoints(), p.patchSide()));
      done.add(1);
    }
    return out.iterator();
  }
}
