package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.prompt.MinDepth;
import org.gags.prompt.SparseMinDepth;
import org.gags.prompt.ViewVisibility;
import org.gags.scene.GaussianCloud;
import org.gags.spark.ExecutorClouds;
import org.gags.store.FloatBytes;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.DepthRow;
import org.gags.store.rows.GaussianMinDepthRow;
import org.gags.store.rows.MinDepthRow;
import org.gags.store.rows.ViewRow;
import scala.Tuple2;

/**
 * min-depth (executors, METHOD 2.1): every Gaussian centre's visible depth in every view, reduced
 * to a per-Gaussian minimum without ever holding a Gaussians × views table. Two steps: the
 * minima, where each task folds its views into one float[N] of partial minima and the partials
 * of a scene are combined by element-wise minimum ({@code reduceByKey}), which is exact in any
 * order; then each view's sparse min-depth map, a {@link ViewStage} step on the minima, which
 * reuses step 1's grouped views (Spark skips the read and the shuffle it already did).
 */
public final class MinDepthStage implements Stage {
  private static final List<TableDef> INPUTS = List.of(Tables.DEPTH, Tables.VIEWS);

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
  public List<SceneFailure> run(RunContext ctx, List<SceneRef> scenes, String hash) {
    List<SceneFailure> failed = new ArrayList<>();
    Map<String, SceneTables.SceneInfo> infos = SceneTables.infos(ctx, scenes);
    List<SceneTables.SceneInfo> batch = List.copyOf(infos.values());
    int perTask = ctx.config().getInt("depth.views_per_task");
    JavaRDD<ViewInput> views = ViewFrame.inputs(ctx, batch, INPUTS, perTask);
    Map<String, float[]> minima = commitMinima(ctx, infos, views, hash, failed);
    List<SceneRef> good = scenes.stream().filter(s -> minima.containsKey(s.id())).toList();
    if (!good.isEmpty()) {
      // Step 2 reads the same grouped views: when it runs on the same scenes, Spark reuses step 1's shuffle.
      List<String> ids = batch.stream().map(SceneTables.SceneInfo::id).toList();
      failed.addAll(ViewFrame.run(new Maps(this, minima), ctx, good, hash, prepared ->
          prepared.stream().map(SceneTables.SceneInfo::id).toList().equals(ids) ? views
              : ViewFrame.inputs(ctx, prepared, INPUTS, perTask)));
    }
    return failed;
  }

  /** Step 1: the per-Gaussian minima over all views of each scene, committed as {@code gaussian_min_depth}. */
  private Map<String, float[]> commitMinima(RunContext ctx, Map<String, SceneTables.SceneInfo> infos,
      JavaRDD<ViewInput> views, String hash, List<SceneFailure> failed) {
    List<SceneTables.SceneInfo> batch = List.copyOf(infos.values());
    HashMap<String, String> plys = new HashMap<>();
    HashMap<String, Integer> sizes = new HashMap<>();
    batch.forEach(i -> {
      plys.put(i.id(), i.plyPath());
      sizes.put(i.id(), i.gaussians());
    });
    HashMap<String, String> fs = SceneTables.fsSettings(ctx);
    double tolerance = ctx.config().getDouble("min_depth.visibility_tolerance");
    CollectionAccumulator<SceneFailure> errors = ctx.spark().sparkContext().collectionAccumulator(name() + " failed scenes");
    Map<String, float[]> min;
    long total = batch.stream().mapToLong(SceneTables.SceneInfo::views).sum();
    TaskFaults faults = TaskFaults.of(ctx.config());
    try (StageProgress progress = StageProgress.start(ctx, ViewFrame.label(infos.keySet()), name() + " (minima)", total)) {
      LongAccumulator done = progress.views();
      min = new HashMap<>(views.mapPartitions(
              (Iterator<ViewInput> it) -> faults.afterLast("min-depth (minima)",
                  partialMin(it, plys, sizes, fs, tolerance, done, errors)))
          .mapToPair(t -> t).reduceByKey(MinDepthStage::elementwiseMin)
          .mapPartitionsToPair(it -> faults.afterLast("min-depth (reduction)", it), true).collectAsMap());
    }
    Set<String> bad = new HashSet<>();
    for (SceneFailure f : errors.value()) {
      if (bad.add(f.sceneId())) {
        failed.add(f);
      }
    }
    List<Row> rows = new ArrayList<>();
    List<String> ok = new ArrayList<>();
    Map<String, float[]> good = new HashMap<>();
    for (SceneTables.SceneInfo info : batch) {
      float[] m = min.get(info.id());
      if (bad.contains(info.id()) || m == null) {
        continue;
      }
      int visible = 0;
      for (float v : m) {
        visible += Float.isFinite(v) ? 1 : 0;
      }
      rows.add(ViewFrame.withScene(new GaussianMinDepthRow(m.length, FloatBytes.encode(m), visible).toRow(), info.id()));
      ok.add(info.id());
      good.put(info.id(), m);
    }
    if (!ok.isEmpty()) {
      Commits.writeScenes(ctx, this, hash, Tables.GAUSSIAN_MIN_DEPTH, rows, ok);
    }
    return good;
  }

  /** A task's partial minima, per scene (a task holds views of one scene). */
  private static Iterator<Tuple2<String, float[]>> partialMin(Iterator<ViewInput> views, Map<String, String> plys,
      Map<String, Integer> sizes, Map<String, String> fs, double tol, LongAccumulator done,
      CollectionAccumulator<SceneFailure> errors) {
    Map<String, float[]> mins = new HashMap<>();
    Set<String> failed = new HashSet<>();
    while (views.hasNext()) {
      ViewInput in = views.next();
      if (failed.contains(in.scene())) {
        continue;
      }
      try {
        GaussianCloud cloud = ExecutorClouds.get(plys.get(in.scene()), fs);
        float[] min = mins.computeIfAbsent(in.scene(), s -> {
          float[] m = new float[sizes.get(s)];
          java.util.Arrays.fill(m, Float.POSITIVE_INFINITY);
          return m;
        });
        DepthRow d = DepthRow.from(in.one(Tables.DEPTH));
        ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
        MinDepth.accumulateMin(MinDepth.visible(cloud.positions(), v.camera(), d.depthMap(), tol), min);
        done.add(1);
      } catch (Exception | LinkageError | AssertionError e) {
        failed.add(in.scene());
        mins.remove(in.scene());
        errors.add(SceneFailure.of(in.scene(), e));
      }
    }
    List<Tuple2<String, float[]>> out = new ArrayList<>();
    mins.forEach((s, m) -> out.add(new Tuple2<>(s, m)));
    return out.iterator();
  }

  static float[] elementwiseMin(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.min(a[i], b[i]);
    }
    return out;
  }

  /** Step 2 as a view stage of its own: the min-depth stage's name and output, with the minima at hand. */
  private record Maps(MinDepthStage stage, Map<String, float[]> minima) implements ViewStage<GaussianCloud> {
    @Override
    public String name() {
      return stage.name();
    }

    @Override
    public List<String> upstream() {
      return stage.upstream();
    }

    @Override
    public List<TableDef> inputs() {
      return INPUTS;
    }

    @Override
    public TableDef output() {
      return Tables.MIN_DEPTH;
    }

    @Override
    public ViewTask<GaussianCloud> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
      Broadcast<float[]> b = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext()).broadcast(minima.get(scene.id()));
      return new SparseMaps(scene.plyPath(), scene.fs(), b, ctx.config().getDouble("min_depth.visibility_tolerance"));
    }
  }

  /** Each view's sparse map: at each visible Gaussian centre's pixel, that Gaussian's minimum. */
  record SparseMaps(String ply, HashMap<String, String> fs, Broadcast<float[]> minima, double tolerance)
      implements ViewTask<GaussianCloud> {
    @Override
    public GaussianCloud open() {
      return ExecutorClouds.get(ply, fs);
    }

    @Override
    public void view(GaussianCloud cloud, ViewInput in, Consumer<Row> out) {
      DepthRow d = DepthRow.from(in.one(Tables.DEPTH));
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      ViewVisibility vis = MinDepth.visible(cloud.positions(), v.camera(), d.depthMap(), tolerance);
      SparseMinDepth map = MinDepth.sparseMap(vis, minima.value());
      out.accept(new MinDepthRow(v.viewIndex(), map.width(), map.height(), map.pixels().length,
          FloatBytes.encodeInts(map.pixels()), FloatBytes.encode(map.values())).toRow());
    }

    @Override
    public void finished(SceneRef scene) {
      minima.destroy();
    }
  }
}
