package org.gags.spark.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.scene.RgbImage;
import org.gags.model.sam.SamSession;
import org.gags.model.sam.SamSpec;
import org.gags.model.sam.ViewSegmenter;
import org.gags.scene.SceneFormatException;
import org.gags.segment.SegmentFilterConfig;
import org.gags.spark.ModelFiles;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.PromptsRow;
import org.gags.store.rows.SegmentRow;
import org.gags.store.rows.ViewRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * segment (executors, METHOD 2.4): per view, SAM's encoder once, its decoder once per prompt, the
 * three multimask outputs as levels s, m, l, each filtered (predicted IoU, stability, box NMS,
 * small regions, box NMS, LangSplat's mask NMS). Each task opens one {@link SamSession} on the
 * executor's shared models and closes it when its views are done.
 */
public final class SegmentStage implements ViewStage<SegmentStage.Sam> {
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
  public List<TableDef> inputs() {
    return List.of(Tables.VIEWS, Tables.PROMPTS);
  }

  @Override
  public TableDef output() {
    return Tables.SEGMENTS;
  }

  @Override
  public List<String> orderBy() {
    return List.of("view_index", "level", "segment_id");
  }

  @Override
  public String viewsPerTaskKey() {
    return "segment.views_per_task";
  }

  @Override
  public List<StageModel<?>> models() {
    return List.of(ModelSpecs.SAM);
  }

  @Override
  public String modelColumn() {
    return "mask";
  }

  @Override
  public ViewTask<Sam> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    return new Segment(ModelSpecs.SAM.spec(ctx.config()), ViewSegmenterConfig.of(ctx.config()),
        ctx.config().getInt("segment.decoder_batch"), scene.fs(), Timings.register(ctx, scene.ref(), name()));
  }

  /** SAM on each view's prompts, with one session per task. */
  record Segment(SamSpec spec, SegmentFilterConfig cfg, int batch, HashMap<String, String> fs, Timings timings)
      implements ViewTask<Sam> {
    @Override
    public Sam open() {
      SamSession session = new SamSession(ModelSpecs.SAM.staged(spec, fs));
      return new Sam(session, new ViewSegmenter(session, cfg, batch));
    }

    @Override
    public void view(Sam sam, ViewInput in, Consumer<Row> out) {
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      PromptsRow p = PromptsRow.from(in.one(Tables.PROMPTS));
      long t0 = System.nanoTime();
      RgbImage image = readImage(v.imageUri(), v.width(), v.height(), fs);
      timings.read.add(System.nanoTime() - t0);
      ViewSegmenter.Result result = sam.segmenter().segment(image, p.x(), p.y());
      timings.add(result.timings());
      timings.add(result.funnel());
      for (ViewSegmenter.Kept k : result.kept()) {
        out.accept(new SegmentRow(v.viewIndex(), k.level(), k.segmentId(), k.promptIndex(), v.width(), v.height(),
            k.x0(), k.y0(), k.x1(), k.y1(), k.area(), k.predictedIou(), k.stability(), k.rle()).toRow());
      }
    }

    @Override
    public void finished(SceneRef scene) {
      timings.log(LOG, scene, ConfigKeys.SEGMENT);
    }
  }

  /** A task's SAM session and the segmenter on it; closing it closes the session. */
  record Sam(SamSession session, ViewSegmenter segmenter) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
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
    return RgbImage.decode(uri, bytes, width, height);
  }
}
