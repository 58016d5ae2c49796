package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.render.ContributorErrors;
import org.gags.render.Contributors;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.spark.SparkSessions;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.ContributorsRow;
import org.gags.store.rows.FieldRow;
import org.gags.synth.RandomScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags bench contributors}: the size of the contributor lists and what truncating them
 * costs. Either a run's stored {@code contributors} of one scene (sizes as stored, and the
 * relative error of F = W f against the untruncated W for random features and, when the run
 * trained one, the scene's field), or a synthetic cloud rendered at a given size.
 */
@Command(
    name = "contributors",
    mixinStandardHelpOptions = true,
    description = {"Contributor-list sizes and the rendered-feature error of top-K truncation.",
        "--run-out DIR --scene ID reads a run's table; --gaussians N --width W --height H renders a synthetic cloud."})
final class ContributorsBenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--run-out", description = "Output root of a run that made contributors.")
  Path runOut;

  @Option(names = "--scene", defaultValue = "sample", description = "Scene id with --run-out (default: ${DEFAULT-VALUE}).")
  String scene;

  @Option(names = "--gaussians", defaultValue = "0", description = "Synthetic cloud size (instead of --run-out).")
  int gaussians;

  @Option(names = "--width", defaultValue = "494", description = "Synthetic view width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "366", description = "Synthetic view height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--min-scale", defaultValue = "0.004",
      description = "Synthetic Gaussians' smallest scale, which sets the contributors per pixel (default: ${DEFAULT-VALUE}).")
  double minScale;

  @Option(names = "--views", defaultValue = "200", description = "Views per scene to project a scene's size to, synthetic (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--top-k", defaultValue = "4,8,16,32,64", split = ",", description = "Truncations to measure (default: ${DEFAULT-VALUE}).")
  List<Integer> topKs;

  @Option(names = "--min-weight", defaultValue = "0.001,0.01", split = ",",
      description = "Weight thresholds to measure (default: ${DEFAULT-VALUE}).")
  List<Float> minWeights;

  @Option(names = "--json", description = "Also write the results as JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if ((runOut == null) == (gaussians == 0)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "expected exactly one of --run-out DIR or --gaussians N, found " + (runOut == null ? "neither" : "both"));
    }
    if (gaussians < 0 || width < 1 || height < 1 || views < 1 || topKs.stream().anyMatch(k -> k < 1)
        || minWeights.stream().anyMatch(m -> !(m > 0 && m < 1))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "expected --gaussians >= 1, --width/--height/--views >= 1, --top-k values >= 1 and --min-weight values in"
              + " (0, 1), found " + gaussians + ", " + width + "x" + height + ", " + views + ", " + topKs + ", " + minWeights);
    }
    List<Contributors> lists = new ArrayList<>();
    float[] field = null;
    long stored = 0;
    int total;
    String what;
    if (runOut != null) {
      SparkSession spark = SparkSessions.getOrCreate("gags bench contributors", "local[2]", Map.of("spark.ui.enabled", "false"));
      TableStore store = new TableStore(runOut.toAbsolutePath().toString(), spark.sparkContext().hadoopConfiguration());
      for (Row r : store.read(spark, Tables.CONTRIBUTORS, scene).orderBy("view_index").collectAsList()) {
        ContributorsRow c = ContributorsRow.from(r);
        lists.add(c.contributors());
        stored += c.bytes();
      }
      total = lists.size();
      gaussians = Math.toIntExact(store.read(spark, Tables.SCENES, scene).first().getLong(2));
      if (store.marker(Tables.FIELD, scene) != null) {
        field = FieldRow.matrix(store.read(spark, Tables.FIELD, scene).toLocalIterator(), gaussians, scene);
      }
      what = "scene " + scene + " of " + runOut + ", " + total + " views";
    } else {
      GaussianCloud cloud = RandomScene.cloud(1, gaussians, 0, 1.0, minScale);
      Camera camera = RandomScene.camera(width, height);
      lists.add(Rasterizer.render(cloud, camera, RenderRequest.contributorsOnly(), RenderSettings.GSPLAT_CLASSIC)
          .contributors());
      total = views;
      what = String.format(Locale.ROOT, "synthetic %,d Gaussians (min scale %s), one %dx%d view, sizes projected to %d views",
          gaussians, minScale, width, height, views);
    }
    long entries = lists.stream().mapToLong(Contributors::entries).sum();
    long pixels = lists.stream().mapToLong(c -> (long) c.width() * c.height()).sum();
    double perView = (double) entries / lists.size();
    // int32 id + float32 weight per entry, int32 offset per pixel; fp16 weights would save 2 bytes an entry
    double bytesPerView = perView * 8 + 4.0 * pixels / lists.size();
    System.out.printf(Locale.ROOT, "bench contributors: %s%n%n", what);
    System.out.printf(Locale.ROOT, "| contributors per pixel | entries per view | MB per view (int32 id + fp32 weight) |"
        + " MB per view (int32 + fp16) | GB per scene (fp32, %d views) |%n|---|---|---|---|---|%n", total);
    System.out.printf(Locale.ROOT, "| %.1f | %,.0f | %.1f | %.1f | %.2f |%n%n", (double) entries / pixels, perView,
        bytesPerView / 1e6, (bytesPerView - 2 * perView) / 1e6, bytesPerView * total / 1e9);
    if (runOut != null) {
      System.out.printf(Locale.ROOT, "stored binary values of the scene's contributors rows: %.1f MB%n%n", stored / 1e6);
    }
    float[] random = new float[gaussians * 16];
    java.util.Random rnd = new java.util.Random(5);
    for (int i = 0; i < random.length; i++) {
      random[i] = (float) rnd.nextGaussian();
    }
    System.out.println("| truncation | entries kept | relative error of F, random f |" + (field != null ? " relative error of F, trained field |" : "")
        + "\n|---|---|---|" + (field != null ? "---|" : ""));
    List<Map<String, Object>> rows = new ArrayList<>();
    List<float[]> truncations = new ArrayList<>();
    topKs.forEach(k -> truncations.add(new float[] {0f, k}));
    minWeights.forEach(m -> truncations.add(new float[] {m, 0}));
    for (float[] tr : truncations) {
      int k = (int) tr[1];
      float minWeight = tr[0];
      String label = k > 0 ? "top_k=" + k : "min_weight=" + minWeight;
      long kept = 0;
      double[] err = new double[2];
      for (Contributors c : lists) {
        Contributors t = c.truncated(minWeight, k);
        kept += t.entries();
        err[0] += sq(ContributorErrors.relative(c.render(random, 16), t.render(random, 16)));
        if (field != null) {
          err[1] += sq(ContributorErrors.relative(c.render(field, 16), t.render(field, 16)));
        }
      }
      double eRandom = Math.sqrt(err[0] / lists.size());
      double eField = Math.sqrt(err[1] / lists.size());
      System.out.printf(Locale.ROOT, "| %s | %.1f%% | %.2e |%s%n", label, 100.0 * kept / entries, eRandom,
          field != null ? String.format(Locale.ROOT, " %.2e |", eField) : "");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("truncation", label);
      row.put("kept_fraction", (double) kept / entries);
      row.put("relative_error_random", eRandom);
      if (field != null) {
        row.put("relative_error_field", eField);
      }
      rows.add(row);
    }
    System.out.println("\n(relative error: RMS over views of ||F_K - F|| / ||F||)");
    if (json != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("what", what);
      out.put("contributors_per_pixel", (double) entries / pixels);
      out.put("bytes_per_view", bytesPerView);
      out.put("views", total);
      out.put("truncations", rows);
      Files.writeString(json, TableStore.toJson(out));
    }
    return 0;
  }

  private static double sq(double v) {
    return v * v;
  }
}
