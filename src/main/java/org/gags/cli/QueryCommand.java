package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.distill.FieldDecoder;
import org.gags.eval.FrameScore;
import org.gags.eval.FrameScorer;
import org.gags.eval.Heatmap;
import org.gags.eval.QueryEmbeddings;
import org.gags.eval.Relevancy;
import org.gags.model.clip.ClipSession;
import org.gags.model.clip.TextQueries;
import org.gags.render.Rasterizer;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.RgbImage;
import org.gags.spark.ModelFiles;
import org.gags.spark.SceneStaging;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.ModelSpecs;
import org.gags.store.CommitMarker;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.DecodersRow;
import org.gags.store.rows.FieldRow;
import org.gags.store.rows.SceneRow;
import org.gags.store.rows.ViewRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags query}: one text query on one view of a trained scene, drawn as a heatmap: the field
 * rendered at the view's size, decoded by the trained decoder, the relevancy against the canonical
 * phrases, and the protocol's predicted point and mask. The CLIP text tower is the one the
 * scene's embeddings were made with (its paths and settings come from their commit marker), so a
 * query never mixes towers.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {"Runs one text query on one view of a trained scene and draws its relevancy heatmap.",
        "The CLIP model is the one the scene's embeddings were made with."})
final class QueryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run-out", required = true, description = "A run's output folder (the --out of run, or OUT/run of demo).")
  String runOut;

  @Option(names = "--scene", required = true, description = "Scene id.")
  String scene;

  @Option(names = "--view", required = true, description = "View index (0-based, image-name order).")
  int view;

  @Option(names = "--text", required = true, description = "The query, e.g. \"the mug's handle\".")
  String text;

  @Option(names = "--out", required = true, description = "Output PNG file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (text.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--text: expected a query, found an empty text");
    }
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.getOrCreate("gags query", "local[2]");
    try {
      TableStore store = new TableStore(runOut, spark.sparkContext().hadoopConfiguration());
      CommitMarker field = store.marker(Tables.FIELD, scene);
      CommitMarker embeddings = store.marker(Tables.EMBEDDINGS, scene);
      if (field == null || embeddings == null || store.marker(Tables.DECODERS, scene) == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--run-out: expected a committed field, decoders"
            + " and embeddings of scene " + scene + " under " + runOut + ", found none (run the distill stage first)");
      }
      List<Row> rows = store.read(spark, Tables.VIEWS, scene).filter("view_index = " + view).collectAsList();
      if (rows.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--view: expected a view index of scene " + scene
            + ", found " + view);
      }
      ViewRow v = ViewRow.from(rows.get(0));
      // The embeddings' CLIP, as their marker records its settings; it must be the field's.
      Map<String, String> clipSettings = new HashMap<>();
      embeddings.config().forEach((k, val) -> {
        if (k.startsWith("model.clip.")) {
          clipSettings.put(k, val);
        }
      });
      ResolvedConfig clipConfig = ResolvedConfig.of(clipSettings);
      Map<String, String> fs = SceneStaging.fsSettings(spark.sparkContext().hadoopConfiguration());
      String clipId = ModelSpecs.CLIP.id(clipConfig, fs);
      if (!clipId.equals(field.config().get("model.id"))) {
        throw new IllegalStateException("field of scene " + scene + ": expected a field made from " + clipId
            + " (the embeddings' CLIP), found one made from " + field.config().get("model.id"));
      }
      SceneRow s = SceneRow.from(store.read(spark, Tables.SCENES, scene).first());
      int n = Math.toIntExact(s.gaussians());
      float[] f = FieldRow.matrix(store.read(spark, Tables.FIELD, scene).toLocalIterator(), n, scene);
      GaussianCloud cloud = PlyReader.read(SceneStaging.local(s.plyUri(), fs));
      DecodersRow decoders = DecodersRow.from(store.read(spark, Tables.DECODERS, scene).first());
      long t0 = System.nanoTime();
      float[] rendered = Rasterizer.renderFeatures(cloud, v.camera(), f, f.length / n, RenderSettings.GSPLAT_CLASSIC);
      long t1 = System.nanoTime();
      float[] relevancy;
      long t2;
      try (FieldDecoder decoder = new FieldDecoder(decoders.npz());
          ClipSession clip = new ClipSession(ModelSpecs.CLIP.staged(ModelSpecs.CLIP.spec(clipConfig), fs))) {
        float[] decoded = decoder.decode(rendered);
        t2 = System.nanoTime();
        QueryEmbeddings q = TextQueries.embed(clip, List.of(text));
        relevancy = Relevancy.maps(decoded, v.width() * v.height(), decoder.outputDim(),
            new float[][] {q.query(text)}, q.canonical())[0];
      }
      FrameScore p = FrameScorer.predict(relevancy, v.width(), v.height());
      long t3 = System.nanoTime();
      RgbImage photo = RgbImage.decode(v.imageUri(), ModelFiles.readBytes(v.imageUri(), fs));
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Heatmap.write(out, Heatmap.draw(photo, relevancy, p, List.of()));
      float max = 0;
      for (float r : relevancy) {
        max = Math.max(max, r);
      }
      System.out.printf(Locale.ROOT, "%s: scene %s view %d \"%s\": max relevancy %.3f at (%d, %d); render %.0f ms,"
              + " decode %.0f ms, text and score %.0f ms%n", out, scene, view, text, max,
          p.candidates().isEmpty() ? -1 : p.candidates().get(0).x(), p.candidates().isEmpty() ? -1 : p.candidates().get(0).y(),
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
      return 0;
    } finally {
      if (ownSession && SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
  }
}
