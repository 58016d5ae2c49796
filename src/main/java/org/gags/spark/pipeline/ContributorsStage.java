package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.distill.TrainingResolution;
import org.gags.render.Contributors;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;
import org.gags.segment.SegmentMap;
import org.gags.spark.ExecutorClouds;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.ContributorsRow;
import org.gags.store.rows.SegmentRow;
import org.gags.store.rows.ViewRow;

/**
 * contributors (executors, METHOD 3): the training data of distillation without re-rendering. With
 * geometry frozen the rendered feature map is F = W f; per view this stage renders W once at the
 * training resolution (every pixel's Gaussians and weights α·T, front to back), optionally truncated
 * ({@code contributors.min_weight}, {@code contributors.top_k}), and resizes each level's segment
 * map to that size by nearest neighbour (torch's rule).
 */
public final class ContributorsStage implements ViewStage<GaussianCloud> {
  static final List<String> LEVELS = List.of("s", "m", "l");

  @Override
  public String name() {
    return ConfigKeys.CONTRIBUTORS;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.SEGMENT);
  }

  @Override
  public List<TableDef> inputs() {
    return List.of(Tables.VIEWS, Tables.SEGMENTS);
  }

  @Override
  public TableDef output() {
    return Tables.CONTRIBUTORS;
  }

  @Override
  public ViewTask<GaussianCloud> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    return new Lists(scene.plyPath(), scene.fs(), ctx.config().getInt("contributors.resolution_factor"),
        (float) ctx.config().getDouble("contributors.min_weight"), ctx.config().getInt("contributors.top_k"));
  }

  /** Renders each view's contributor lists from the executor's shared cloud and paints its segment maps. */
  record Lists(String ply, HashMap<String, String> fs, int factor, float minWeight, int topK)
      implements ViewTask<GaussianCloud> {
    @Override
    public GaussianCloud open() {
      return ExecutorClouds.get(ply, fs);
    }

    @Override
    public void view(GaussianCloud cloud, ViewInput in, Consumer<Row> out) {
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      TrainingResolution res = TrainingResolution.of(v.width(), v.height(), factor);
      Contributors all = Rasterizer.render(cloud, v.camera().resized(res.width(), res.height()),
          RenderRequest.contributorsOnly(), RenderSettings.GSPLAT_CLASSIC.withThreads(1)).contributors();
      Contributors kept = all.truncated(minWeight, topK);
      int[][] segments = segmentMaps(v, in.all(Tables.SEGMENTS), res);
      out.accept(ContributorsRow.of(v.viewIndex(), kept, all.entries() - kept.entries(), segments).toRow());
    }
  }

  /**
   * The three levels' segment maps at the training resolution: each painted at the image's size in
   * {@code segment_id} order (later masks over earlier ones, on −1), then resized by nearest neighbour.
   */
  static int[][] segmentMaps(ViewRow v, List<Row> segmentRows, TrainingResolution res) {
    List<SegmentRow> rows = new ArrayList<>(segmentRows.stream().map(SegmentRow::from).toList());
    rows.sort(Comparator.comparingInt(SegmentRow::segmentId));
    int[][] out = new int[3][];
    for (int l = 0; l < 3; l++) {
      String level = LEVELS.get(l);
      List<BitMask> masks = new ArrayList<>();
      int expected = 0;
      for (SegmentRow s : rows) {
        if (!s.level().equals(level)) {
          continue;
        }
        if (s.segmentId() != expected++ || s.width() != v.width() || s.height() != v.height()) {
          throw new IllegalStateException("segments of view " + v.viewIndex() + " level " + level + ": expected segment "
              + (expected - 1) + " of a " + v.width() + "x" + v.height() + " image, found segment " + s.segmentId()
              + " of " + s.width() + "x" + s.height());
        }
        masks.add(MaskRle.decode(s.mask(), s.width(), s.height()));
      }
      int[] full = SegmentMap.paint(v.width(), v.height(), masks).toArray();
      out[l] = res.resizeNearest(full, v.width(), v.height());
    }
    return out;
  }
}
