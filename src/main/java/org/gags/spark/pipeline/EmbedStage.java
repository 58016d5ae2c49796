package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.scene.RgbImage;
import org.gags.model.clip.ClipSession;
import org.gags.model.clip.ClipSpec;
import org.gags.model.clip.SegmentCrops;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.EmbeddingRow;
import org.gags.store.rows.SegmentRow;
import org.gags.store.rows.ViewRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * embed (executors, METHOD 2.5): per kept segment, the masked, square-padded crop through CLIP's
 * image tower, L2-normalised. A view's crops are batched ({@code embed.batch_size}) in (level,
 * segment_id) order; each task opens one {@link ClipSession} on the executor's shared model and
 * closes it when done. Segments made by another SAM spec than the run's are refused.
 */
public final class EmbedStage implements ViewStage<EmbedStage.Clip> {
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
  public List<TableDef> inputs() {
    return List.of(Tables.VIEWS, Tables.SEGMENTS);
  }

  @Override
  public TableDef output() {
    return Tables.EMBEDDINGS;
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
    return List.of(ModelSpecs.CLIP);
  }

  @Override
  public String modelColumn() {
    return "embedding";
  }

  @Override
  public ViewTask<Clip> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    ModelStages.requireUpstreamModel(ctx, scene.ref(), Tables.SEGMENTS, ModelSpecs.SAM.id(ctx.config(), scene.fs()));
    return new Embed(ModelSpecs.CLIP.spec(ctx.config()), ctx.config().getInt("embed.batch_size"), scene.fs(),
        Timings.register(ctx, scene.ref(), name()));
  }

  /** A task's CLIP session and the crop batcher on it; closing it closes the session. */
  record Clip(ClipSession session, SegmentCrops crops) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  /** CLIP on each view's segment crops, in batches that never span two views. */
  record Embed(ClipSpec spec, int batch, HashMap<String, String> fs, Timings timings) implements ViewTask<Clip> {
    /** The order the crops are batched in (as the rows sort: level names, then segment id). */
    private static final Comparator<SegmentRow> ORDER =
        Comparator.comparing(SegmentRow::level).thenComparingInt(SegmentRow::segmentId);

    @Override
    public Clip open() {
      ClipSession session = new ClipSession(ModelSpecs.CLIP.staged(spec, fs));
      return new Clip(session, new SegmentCrops(session, batch));
    }

    @Override
    public void view(Clip clip, ViewInput in, Consumer<Row> out) {
      List<SegmentRow> segments = new ArrayList<>(in.all(Tables.SEGMENTS).stream().map(SegmentRow::from).toList());
      if (segments.isEmpty()) {
        return;
      }
      segments.sort(ORDER);
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      SegmentRow first = segments.get(0);
      long t0 = System.nanoTime();
      RgbImage image = SegmentStage.readImage(v.imageUri(), first.width(), first.height(), fs);
      timings.read.add(System.nanoTime() - t0);
      List<SegmentRow> pending = new ArrayList<>();
      for (SegmentRow s : segments) {
        long t1 = System.nanoTime();
        clip.crops().add(image, s.x0(), s.y0(), s.x1(), s.y1(), s.mask());
        timings.preprocess.add(System.nanoTime() - t1);
        pending.add(s);
        if (clip.crops().size() == batch) {
          flush(clip.crops(), pending, out);
        }
      }
      flush(clip.crops(), pending, out);
    }

    private void flush(SegmentCrops crops, List<SegmentRow> pending, Consumer<Row> out) {
      if (crops.size() == 0) {
        return;
      }
      long t0 = System.nanoTime();
      float[][] e = crops.embed();
      timings.clip.add(System.nanoTime() - t0);
      for (int i = 0; i < e.length; i++) {
        SegmentRow s = pending.get(i);
        out.accept(new EmbeddingRow(s.viewIndex(), s.level(), s.segmentId(), e[i]).toRow());
      }
      pending.clear();
    }

    @Override
    public void finished(SceneRef scene) {
      timings.log(LOG, scene, ConfigKeys.EMBED);
    }
  }
}
