package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.gags.distill.DecoderWeights;
import org.gags.distill.DistillConfig;
import org.gags.distill.FieldDecoder;
import org.gags.eval.DecodedMap;
import org.gags.eval.QueryEmbeddings;
import org.gags.eval.QueryScorer;
import org.gags.render.Rasterizer;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;
import org.gags.store.TableStore;
import org.gags.synth.RandomScene;
import org.gags.util.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags bench query}: the eval stage's per-frame work at a given size, on a synthetic field:
 * render the 16-d field at the label's resolution (the tiled renderer's feature mode), decode it
 * with a feature decoder of the given width, and score the frame's queries by the LERF-OVS protocol
 * ({@link QueryScorer}). The field, decoder and embeddings are random: the cost depends on their
 * sizes, not their values. Text embedding is left out (once per scene and category, cached).
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {"Query latency per frame (render, decode, score) on a synthetic field at a given size."})
final class QueryBenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--gaussians", defaultValue = "1000000", description = "Gaussians (default: ${DEFAULT-VALUE}).")
  int gaussians;

  @Option(names = "--width", defaultValue = "988", description = "Frame width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "731", description = "Frame height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--frames", defaultValue = "10", description = "Frames (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--queries", defaultValue = "5", description = "Queries per frame (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--decoder-width", defaultValue = "256", description = "Feature decoder width (default: ${DEFAULT-VALUE}).")
  int decoderWidth;

  @Option(names = "--json", description = "Also write the results as JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (gaussians < 1 || width < 32 || height < 32 || frames < 1 || queries < 1 || decoderWidth < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "expected --gaussians, --frames, --queries,"
          + " --decoder-width >= 1 and --width/--height >= 32, found " + gaussians + ", " + frames + ", " + queries
          + ", " + decoderWidth + ", " + width + "x" + height);
    }
    GaussianCloud cloud = RandomScene.cloud(1, gaussians, 0, 1.0, 0.004);
    Random rnd = new Random(3);
    float[] field = new float[gaussians * 16];
    for (int i = 0; i < field.length; i++) {
      field[i] = (float) rnd.nextGaussian();
    }
    DistillConfig cfg = DistillConfig.gags().withWidths(16, decoderWidth, 512, DistillConfig.GAGS_GRANULARITY_WIDTHS);
    Map<String, float[]> text = new LinkedHashMap<>();
    List<LabelObject> objects = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      String category = "object " + q;
      text.put(category, unit(rnd, 512));
      double x0 = width * (0.1 + 0.15 * q % 0.7);
      double y0 = height * 0.3;
      double[][] poly = {{x0, y0}, {x0 + width * 0.1, y0}, {x0 + width * 0.1, y0 + height * 0.2}, {x0, y0 + height * 0.2}};
      objects.add(new LabelObject(category, poly, new double[] {x0, y0, x0 + width * 0.1, y0 + height * 0.2}));
    }
    float[][] canonical = new float[4][];
    for (int c = 0; c < 4; c++) {
      canonical[c] = unit(rnd, 512);
    }
    QueryEmbeddings embeddings = new QueryEmbeddings(text, canonical);
    System.out.printf(Locale.ROOT, "bench query: %,d Gaussians, %dx%d, %d frames x %d queries, decoder width %d, %d cores%n%n",
        gaussians, width, height, frames, queries, decoderWidth, Runtime.getRuntime().availableProcessors());
    System.out.println("| frame | render ms | decode ms | score ms (all queries) | total ms |\n|---|---|---|---|---|");
    double[] sum = new double[3];
    List<Map<String, Object>> rows = new ArrayList<>();
    try (FieldDecoder decoder = new FieldDecoder(DecoderWeights.feature(cfg, 7))) {
      for (int f = 0; f < frames; f++) {
        Camera camera = RandomScene.camera(width, height);
        LabelFile label = new LabelFile(String.format(Locale.ROOT, "frame_%05d.jpg", f + 1), width, height, objects);
        long t0 = System.nanoTime();
        float[] rendered = Rasterizer.renderFeatures(cloud, camera, field, 16, RenderSettings.GSPLAT_CLASSIC);
        long t1 = System.nanoTime();
        float[] decoded = decoder.decode(rendered);
        long t2 = System.nanoTime();
        QueryScorer.Result r = QueryScorer.score(new DecodedMap(decoded, width, height, 512), label, embeddings);
        long t3 = System.nanoTime();
        double[] ms = {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6};
        for (int k = 0; k < 3; k++) {
          sum[k] += ms[k];
        }
        System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f |%n", f + 1, ms[0], ms[1], ms[2], ms[0] + ms[1] + ms[2]);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("frame", f + 1);
        row.put("render_ms", ms[0]);
        row.put("decode_ms", ms[1]);
        row.put("score_ms", ms[2]);
        rows.add(row);
      }
    }
    double total = sum[0] + sum[1] + sum[2];
    System.out.printf(Locale.ROOT, "%n%d frames: render %.1f s, decode %.1f s, score %.1f s, total %.1f s (%.2f s per frame);"
        + " peak RSS %,d MiB%n", frames, sum[0] / 1e3, sum[1] / 1e3, sum[2] / 1e3, total / 1e3, total / 1e3 / frames,
        ProcessMemory.peakRssBytes() >> 20);
    if (json != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("gaussians", gaussians);
      out.put("width", width);
      out.put("height", height);
      out.put("queries_per_frame", queries);
      out.put("decoder_width", decoderWidth);
      out.put("total_seconds", total / 1e3);
      out.put("peak_rss_bytes", ProcessMemory.peakRssBytes());
      out.put("frames", rows);
      Files.writeString(json, TableStore.toJson(out));
    }
    return 0;
  }

  private static float[] unit(Random rnd, int d) {
    float[] v = new float[d];
    double n = 0;
    for (int i = 0; i < d; i++) {
      v[i] = (float) rnd.nextGaussian();
      n += v[i] * v[i];
    }
    for (int i = 0; i < d; i++) {
      v[i] /= (float) Math.sqrt(n);
    }
    return v;
  }
}
