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
import org.gags.config.ResolvedConfig;
import org.gags.io.RgbImage;
import org.gags.model.sam.SamSession;
import org.gags.model.sam.SamSpec;
import org.gags.model.sam.ViewSegmenter;
import org.gags.scene.SceneFormatException;
import org.gags.spark.ModelFiles;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * segment (executors, METHOD 2.4): per view, SAM's encoder once, its decoder once per prompt, the
 * three multimask outputs as levels s, m, l, each filtered (predicted IoU, stability, box NMS,
 * small regions, box NMS, LangSplat's mask NMS). Each task opens one {@link SamSession} on the
 * executor's shared models and closes it when its views are done.
 */
public final class SegmentStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentStage.class);

  @Override
  public String name() {
    return ConfigKeys.SEGMENT;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.PROMPTS);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.SEGMENTS);
  }

  @Override
  public List<String> hashInputs(RunContext ctx) {
    String id = ModelSpecs.samId(ctx.config(), SceneTables.fsSettings(ctx));
    return List.of("model=" + (id == null ? "unset" : id));
  }

  @Override
  public void checkReady(RunContext ctx) {
    ModelSpecs.sam(ctx.config());
  }

  @Override
  public void run(RunContext ctx, SceneRef scene, String hash) {
    SamSpec spec = ModelSpecs.sam(ctx.config());
    String modelId = ModelSpecs.samId(ctx.config(), SceneTables.fsSettings(ctx));
    HashMap<String, String> fs = SceneTables.fsSettings(ctx);
    HashMap<String, String> settings = new HashMap<>(ctx.config().values());
    Dataset<Row> views = ctx.store().read(ctx.spark(), Tables.VIEWS, scene.id()).select("view_index", "image_uri", "width", "height");
    Dataset<Row> prompts = ctx.store().read(ctx.spark(), Tables.PROMPTS, scene.id()).select("view_index", "x", "y");
    int count = (int) views.count();
    int tasks = Tasks.count(count, ctx.config().getInt("segment.views_per_task"));
    Dataset<Row> work = views.join(prompts, "view_index")
        .repartitionByRange(tasks, org.apache.spark.sql.functions.col("view_index"));
    Timings timings = Timings.register(ctx, scene, name());
    try (StageProgress progress = StageProgress.start(ctx, scene, name(), count)) {
      LongAccumulator done = progress.views();
      JavaRDD<Row> rows = work.javaRDD().mapPartitions((Iterator<Row> it) ->
          segment(it, spec, ViewSegmenterConfig.of(ResolvedConfig.of(settings)),
              ResolvedConfig.of(settings).getInt("segment.decoder_batch"), fs, done, timings));
      Commits.write(ctx, this, Tables.SEGMENTS, scene, hash, ctx.spark().createDataFrame(rows, Tables.SEGMENTS.schema()),
          List.of("view_index", "level", "segment_id"), "mask", modelId);
    }
    timings.log(LOG, scene, name());
  }

  private static Iterator<Row> segment(Iterator<Row> in, SamSpec spec, org.gags.segment.SegmentFilterConfig cfg,
      int batch, Map<String, String> fs, LongAccumulator done, Timings timings) throws Exception {
    List<Row> out = new ArrayList<>();
    if (!in.hasNext()) {
      return out.iterator();
    }
    SamSpec local = spec.withFiles(ModelFiles.local(spec.encoder(), fs).toString(),
        ModelFiles.local(spec.decoder(), fs).toString());
    try (SamSession session = new SamSession(local)) {
      ViewSegmenter segmenter = new ViewSegmenter(session, cfg, batch);
      while (in.hasNext()) {
        Row r = in.next();
        int view = r.getInt(0);
        String uri = r.getString(1);
        int w = r.getInt(2);
        int h = r.getInt(3);
        long t0 = System.nanoTime();
        RgbImage image = readImage(uri, w, h, fs);
        timings.read.add(System.nanoTime() - t0);
        float[] xs = floats(r.getList(4));
        float[] ys = floats(r.getList(5));
        ViewSegmenter.Result result = segmenter.segment(image, xs, ys);
        timings.add(result.timings());
        timings.add(result.funnel());
        for (ViewSegmenter.Kept k : result.kept()) {
          out.add(RowFactory.create(view, k.level(), k.segmentId(), k.promptIndex(), w, h, k.x0(), k.y0(), k.x1(), k.y1(),
              k.area(), k.predictedIou(), k.stability(), k.rle()));
        }
        done.add(1);
      }
    }
    return out.iterator();
  }

  /** Reads a view's image and checks it against the size scan recorded. */
  static RgbImage readImage(String uri, int width, int height, Map<String, String> fs) {
    byte[] bytes;
    try {
      bytes = ModelFiles.readBytes(uri, fs);
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      throw new SceneFormatException(uri, "file", "the view's image", "no such file");
    } catch (java.io.IOException e) {
      throw new SceneFormatException(uri, "file", "a readable image", e.toString());
    }
    RgbImage image = RgbImage.decode(uri, bytes);
    if (image.width() != width || image.height() != height) {
      throw new SceneFormatException(uri, "image size", width + "x" + height + " (the camera's size, as scanned)",
          image.width() + "x" + image.height());
    }
    return image;
  }

  private static float[] floats(List<Float> list) {
    float[] f = new float[list.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = list.get(i);
    }
    return f;
  }
}
