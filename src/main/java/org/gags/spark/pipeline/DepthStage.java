package org.gags.spark.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.spark.ExecutorClouds;
import org.gags.store.FloatBytes;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.DepthRow;
import org.gags.store.rows.ViewRow;

/**
 * depth (executors): expected depth of every view at its original resolution. Each executor JVM
 * reads the scene's PLY once ({@link ExecutorClouds}) and every task renders single-threaded
 * (Spark runs one task per core).
 */
public final class DepthStage implements ViewStage<GaussianCloud> {
  @Override
  public String name() {
    return ConfigKeys.DEPTH;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.SCAN);
  }

  @Override
  public List<TableDef> inputs() {
    return List.of(Tables.VIEWS);
  }

  @Override
  public TableDef output() {
    return Tables.DEPTH;
  }

  @Override
  public ViewTask<GaussianCloud> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    return new Render(scene.plyPath(), scene.fs());
  }

  /** Renders each view's expected depth from the executor's shared cloud. */
  record Render(String ply, HashMap<String, String> fs) implements ViewTask<GaussianCloud> {
    @Override
    public GaussianCloud open() {
      return ExecutorClouds.get(ply, fs);
    }

    @Override
    public void view(GaussianCloud cloud, ViewInput in, Consumer<Row> out) {
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      RenderResult r = Rasterizer.render(cloud, v.camera(), RenderRequest.depthOnly(),
          RenderSettings.GSPLAT_CLASSIC.withThreads(1));
      out.accept(new DepthRow(v.viewIndex(), r.width(), r.height(), FloatBytes.encode(r.depth()), r.stats().visible())
          .toRow());
    }
  }
}
