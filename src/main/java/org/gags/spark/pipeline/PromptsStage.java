package org.gags.spark.pipeline;

import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.config.ResolvedConfig;
import org.gags.prompt.PromptConfig;
import org.gags.prompt.PromptSampler;
import org.gags.prompt.PromptSeeds;
import org.gags.prompt.Prompts;
import org.gags.prompt.SparseMinDepth;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.DepthRow;
import org.gags.store.rows.MinDepthRow;
import org.gags.store.rows.PromptsRow;

/**
 * prompts (executors, METHOD 2.2-2.3): per view, the depth map and the sparse min-depth map give
 * each 8×8 patch its number of points and the cells they fall in; or the uniform grid. Seeded per
 * (seed, scene, view), so a rerun gives the same table byte for byte.
 */
public final class PromptsStage implements ViewStage<Void> {
  @Override
  public String name() {
    return ConfigKeys.PROMPTS;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.MIN_DEPTH);
  }

  @Override
  public List<TableDef> inputs() {
    return List.of(Tables.DEPTH, Tables.MIN_DEPTH);
  }

  @Override
  public TableDef output() {
    return Tables.PROMPTS;
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
  public ViewTask<Void> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    return new Sample(promptConfig(ctx.config()), scene.id());
  }

  /** Places one view's prompts from its depth and sparse min-depth maps. */
  record Sample(PromptConfig cfg, String sceneId) implements ViewTask<Void> {
    @Override
    public Void open() {
      return null;
    }

    @Override
    public void view(Void none, ViewInput in, Consumer<Row> out) {
      DepthRow d = DepthRow.from(in.one(Tables.DEPTH));
      MinDepthRow m = MinDepthRow.from(in.one(Tables.MIN_DEPTH));
      int w = d.width();
      int h = d.height();
      float[] dense = new SparseMinDepth(w, h, m.pixelIndices(), m.minima()).dense();
      long seed = PromptSeeds.forView(cfg.seed(), sceneId, d.viewIndex());
      Prompts p = PromptSampler.sample(d.depthMap(), dense, w, h, cfg, seed);
      out.accept(new PromptsRow(d.viewIndex(), w, h, cfg.mode().configName(), cfg.density().configName(), seed,
          p.count(), p.x(), p.y(), p.patchPoints(), p.patchSide()).toRow());
    }
  }
}
