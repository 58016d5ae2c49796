package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.io.RgbImage;
import org.gags.model.clip.ClipSession;
import org.gags.model.clip.ClipSpec;
import org.gags.model.clip.SegmentCrops;
import org.gags.spark.ModelFiles;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * embed (executors, METHOD 2.5): per kept segment, the masked, square-padded crop through CLIP's
 * image tower, L2-normalised. Crops of a view are batched ({@code embed.batch_size}); each task
 * opens one {@link ClipSession} on the executor's shared model and closes it when done.
 */
public final class EmbedStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedStage.class);

  @Override
  public String name() {
    return ConfigKeys.EMBED;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.SEGMENT);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.EMBEDDINGS);
  }

  @Override
  public List<String> hashInputs(RunContext ctx) {
    String id = ModelSpecs.clipId(ctx.config(), SceneTables.fsSettings(ctx));
    return List.of("model=" + (id == null ? "unset" : id));
  }

  @Override
  public void checkReady(RunContext ctx) {
    ModelSpecs.clip(ctx.config());
  }

  @Override
  public void run(RunContext ctx, SceneRef scene, String hash) {
    ClipSpec spec = ModelSpecs.clip(ctx.config());
    String modelId = ModelSpecs.clipId(ctx.config(), SceneTables.fsSettings(ctx));
    requireSegmentsOfThisSam(ctx, scene);
    HashMap<String, String> fs = SceneTables.fsSettings(ctx);
    int batch = ctx.config().getInt("embed.batch_size");
    Dataset<Row> views = ctx.store().read(ctx.spark(), Tables.VIEWS, scene.id()).select("view_index", "image_uri");
    Dataset<Row> segments = ctx.store().read(ctx.spark(), Tables.SEGMENTS, scene.id())
        .select("view_index", "level", "segment_id", "width", "height", "x0", "y0", "x1", "y1", "mask");
    int count = (int) views.count();
    int tasks = Tasks.count(count, ctx.config().getInt("segment.views_per_task"));
    Dataset<Row> work = segments.join(views, "view_index")
        .repartitionByRange(tasks, org.apache.spark.sql.functions.col("view_index"))
        .sortWithinPartitions("view_index", "level", "segment_id");
    Timings timings = Timings.register(ctx, scene, name());
    try (StageProgress progress = StageProgress.start(ctx, scene, name(), count)) {
      LongAccumulator done = progress.views();
      JavaRDD<Row> rows = work.javaRDD().mapPartitions((Iterator<Row> it) -> embed(it, spec, batch, fs, done, timings));
      Commits.write(ctx, this, Tables.EMBEDDINGS, scene, hash,
          ctx.spark().createDataFrame(rows, Tables.EMBEDDINGS.schema()), List.of("view_index", "level", "segment_id"),
          "embedding", modelId);
    }
    timings.log(LOG, scene, name());
  }

  /** Embeddings are never computed for segments of another SAM spec than the run's. */
  static void requireSegmentsOfThisSam(RunContext ctx, SceneRef scene) {
    org.gags.store.CommitMarker marker = ctx.store().marker(Tables.SEGMENTS, scene.id());
    String made = marker == null ? null : marker.config().get("model.id");
    String wanted = ModelSpecs.samId(ctx.config(), SceneTables.fsSettings(ctx));
    if (made == null || !made.equals(wanted)) {
      throw new IllegalStateException("segments of scene " + scene.id() + ": expected segments made by " + wanted
          + " (this run's SAM), found " + (made == null ? "no committed segments" : "segments made by " + made)
          + "; run the segment stage first");
    }
  }

  private static Iterator<Row> embed(Iterator<Row> in, ClipSpec spec, int batch, Map<String, String> fs,
      LongAccumulator done, Timings timings) {
    List<Row> out = new ArrayList<>();
    if (!in.hasNext()) {
      return out.iterator();
    }
    ClipSpec local = spec.withFiles(ModelFiles.local(spec.image(), fs).toString(),
        spec.text().isEmpty() ? "" : ModelFiles.local(spec.text(), fs).toString());
    try (ClipSession session = new ClipSession(local)) {
      SegmentCrops crops = new SegmentCrops(session, batch);
      int currentView = -1;
      RgbImage image = null;
      List<Object[]> keys = new ArrayList<>();
      while (in.hasNext()) {
        Row r = in.next();
        int view = r.getInt(0);
        if (view != currentView) {
          flush(crops, keys, out, timings);
          if (currentView >= 0) {
            done.add(1);
          }
          currentView = view;
          long t0 = System.nanoTime();
          image = SegmentStage.readImage(r.getString(10), r.getInt(3), r.getInt(4), fs);
          timings.read.add(System.nanoTime() - t0);
        }
        long t0 = System.nanoTime();
        crops.add(image, r.getInt(5), r.getInt(6), r.getInt(7), r.getInt(8), (byte[]) r.get(9));
        timings.preprocess.add(System.nanoTime() - t0);
        keys.add(new Object[] {view, r.getString(1), r.getInt(2)});
        if (crops.size() == batch) {
          flush(crops, keys, out, timings);
        }
      }
      flush(crops, keys, out, timings);
      done.add(1);
    }
    return out.iterator();
  }

  private static void flush(SegmentCrops crops, List<Object[]> keys, List<Row> out, Timings timings) {
    if (crops.size() == 0) {
      return;
    }
    long t0 = System.nanoTime();
    float[][] e = crops.embed();
    timings.clip.add(System.nanoTime() - t0);
    for (int i = 0; i < e.length; i++) {
      Object[] k = keys.get(i);
      out.add(RowFactory.create(k[0], k[1], k[2], e[i]));
    }
    keys.clear();
  }
}
