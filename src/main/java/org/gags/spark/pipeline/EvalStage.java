package org.gags.spark.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.distill.FieldDecoder;
import org.gags.eval.DecodedMap;
import org.gags.eval.Heatmap;
import org.gags.eval.PairScore;
import org.gags.eval.QueryEmbeddings;
import org.gags.eval.QueryScorer;
import org.gags.model.clip.ClipSession;
import org.gags.model.clip.ClipSpec;
import org.gags.model.clip.TextQueries;
import org.gags.render.Rasterizer;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelReader;
import org.gags.scene.RgbImage;
import org.gags.spark.ExecutorClouds;
import org.gags.spark.SceneStaging;
import org.gags.store.PartitionReader;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.ResultRow;
import org.gags.store.rows.ViewRow;

/**
 * eval (executors, METHOD 4): the LERF-OVS protocol on the trained field. Each labelled view is
 * rendered at its label's resolution (the tiled renderer's feature mode: full resolution is not
 * the training resolution), decoded once by the trained feature decoder, and every category of its
 * label file is scored from that one decoded map with the CLIP text tower of the embeddings' spec
 * ({@link QueryScorer}); a field made from another CLIP is refused. Each task reads the field and
 * the decoders itself and opens one text session; heatmaps go under {@code <out>/heatmaps}. After
 * the results are committed, each scene's {@code metrics} row and the run's HTML report are
 * written on the driver ({@link EvalReports}).
 */
public final class EvalStage implements ViewStage<EvalStage.Scorer> {
  @Override
  public String name() {
    return ConfigKeys.EVAL;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.DISTILL);
  }

  @Override
  public List<TableDef> inputs() {
    return List.of(Tables.VIEWS);
  }

  @Override
  public TableDef output() {
    return Tables.RESULTS;
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.RESULTS, Tables.METRICS);
  }

  @Override
  public List<String> orderBy() {
    return List.of("view_index", "category");
  }

  @Override
  public String viewsPerTaskKey() {
    return "eval.views_per_task";
  }

  @Override
  public List<StageModel<?>> models() {
    return List.of(ModelSpecs.CLIP);
  }

  @Override
  public String modelColumn() {
    return "iou";
  }

  @Override
  public String modelColumn(TableDef table) {
    return table == Tables.METRICS ? "m_iou" : modelColumn();
  }

  /** Where a scene's heatmaps go: beside the {@code results} table (the output root, or its sweep folder). */
  static String heatmapDir(RunContext ctx, String scene) {
    return ctx.store().tableRoot(Tables.RESULTS) + "/heatmaps/" + scene;
  }

  @Override
  public ViewTask<Scorer> prepare(RunContext ctx, SceneTables.SceneInfo scene) {
    String clipId = ModelSpecs.CLIP.id(ctx.config(), scene.fs());
    ModelStages.requireUpstreamModel(ctx, scene.ref(), Tables.FIELD, clipId);
    ModelStages.requireUpstreamModel(ctx, scene.ref(), Tables.DECODERS, clipId);
    return new Score(scene.plyPath(), scene.fs(), scene.gaussians(),
        PartitionReader.files(ctx.store(), Tables.FIELD, scene.id()),
        PartitionReader.files(ctx.store(), Tables.DECODERS, scene.id()), ModelSpecs.CLIP.spec(ctx.config()),
        Boolean.parseBoolean(ctx.config().get("eval.heatmaps")) ? heatmapDir(ctx, scene.id()) : null);
  }

  @Override
  public List<SceneFailure> run(RunContext ctx, List<SceneRef> scenes, String hash) {
    List<SceneFailure> failed = new ArrayList<>(ViewFrame.run(this, ctx, scenes, hash));
    failed.addAll(EvalReports.commitMetrics(ctx, this, hash, scenes, failed));
    return failed;
  }

  /** A task's cloud, field, decoder and text session, with the text embeddings of the categories met so far. */
  static final class Scorer implements AutoCloseable {
    final GaussianCloud cloud;
    final float[] field;
    final FieldDecoder decoder;
    final ClipSession clip;
    final Map<TreeSet<String>, QueryEmbeddings> text = new HashMap<>();

    Scorer(GaussianCloud cloud, float[] field, FieldDecoder decoder, ClipSession clip) {
      this.cloud = cloud;
      this.field = field;
      this.decoder = decoder;
      this.clip = clip;
    }

    QueryEmbeddings text(List<String> categories) {
      return text.computeIfAbsent(new TreeSet<>(categories), c -> TextQueries.embed(clip, c));
    }

    @Override
    public void close() {
      try {
        decoder.close();
      } finally {
        clip.close();
      }
    }
  }

  /** Renders, decodes and scores each labelled view. */
  record Score(String ply, HashMap<String, String> fs, int gaussians, List<String> fieldFiles, List<String> decoderFiles,
      ClipSpec spec, String heatmaps) implements ViewTask<Scorer> {
    @Override
    public Scorer open() {
      GaussianCloud cloud = ExecutorClouds.get(ply, fs);
      Iterator<Group> records = PartitionReader.records(fieldFiles, fs);
      float[] field = org.gags.store.rows.FieldRow.gather(new Iterator<>() {
        @Override
        public boolean hasNext() {
          return records.hasNext();
        }

        @Override
        public org.gags.store.rows.FieldRow next() {
          Group g = records.next();
          return new org.gags.store.rows.FieldRow(PartitionReader.i(g, "gaussian"), PartitionReader.floats(g, "feature"));
        }
      }, gaussians, fieldFiles.isEmpty() ? "?" : new org.apache.hadoop.fs.Path(fieldFiles.get(0)).getParent().getName());
      Iterator<Group> dec = PartitionReader.records(decoderFiles, fs);
      FieldDecoder decoder = new FieldDecoder(PartitionReader.bytes(dec.next(), "npz"));
      return new Scorer(cloud, field, decoder, new ClipSession(ModelSpecs.CLIP.staged(spec, fs)));
    }

    @Override
    public void view(Scorer s, ViewInput in, Consumer<Row> out) throws IOException {
      ViewRow v = ViewRow.from(in.one(Tables.VIEWS));
      if (v.labelUri() == null) {
        return;
      }
      LabelFile label = LabelReader.read(SceneStaging.local(v.labelUri(), fs));
      if (label.frameIndex() != v.viewIndex()) {
        throw new IllegalStateException(v.labelUri() + ": info.name " + label.name() + " labels view "
            + label.frameIndex() + ", but it is the label file of view " + v.viewIndex() + " (" + v.name() + ")");
      }
      long t0 = System.nanoTime();
      float[] rendered = Rasterizer.renderFeatures(s.cloud, v.camera(), s.field, 16, RenderSettings.GSPLAT_CLASSIC.withThreads(1));
      long t1 = System.nanoTime();
      float[] decoded = s.decoder.decode(rendered);
      long t2 = System.nanoTime();
      QueryScorer.Result r = QueryScorer.score(new DecodedMap(decoded, v.width(), v.height(), s.decoder.outputDim()), label,
          s.text(label.categories()));
      double renderMs = (t1 - t0) / 1e6;
      double decodeMs = (t2 - t1) / 1e6;
      String frame = PairScore.frameOf(label);
      RgbImage photo = heatmaps == null ? null : SegmentStage.readImage(v.imageUri(), v.width(), v.height(), fs);
      for (QueryScorer.CategoryScore c : r.categories()) {
        PairScore p = PairScore.of(frame, c.category(), c.score());
        out.accept(new ResultRow(v.viewIndex(), frame, c.category(), p.hit(), p.iou(), c.maxRelevancy(), renderMs,
            decodeMs, r.scoreMillis()).toRow());
        if (photo != null) {
          writePng(heatmaps + "/" + Heatmap.fileName(frame, c.category()),
              Heatmap.draw(photo, c.relevancy(), c.score(), label.objectsOf(c.category())));
        }
      }
    }

    private void writePng(String uri, java.awt.image.BufferedImage img) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(img, "png", bytes);
      Configuration conf = new Configuration();
      fs.forEach(conf::set);
      Path target = new Path(uri);
      org.gags.store.AtomicWrites.write(target.getFileSystem(conf), target, bytes::writeTo);
    }
  }
}
