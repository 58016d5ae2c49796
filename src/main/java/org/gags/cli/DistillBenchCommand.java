package org.gags.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.gags.distill.DistillConfig;
import org.gags.distill.DistillView;
import org.gags.distill.StepPhases;
import org.gags.distill.StepProfile;
import org.gags.distill.Trainer;
import org.gags.distill.TrainingResolution;
import org.gags.io.AtomicFiles;
import org.gags.render.Contributors;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.gags.synth.DistillInputs;
import org.gags.util.ProcessMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench distill}: milliseconds per distillation iteration, peak memory and the step's split. */
@Command(
    name = "distill",
    mixinStandardHelpOptions = true,
    description = {
      "Times the distillation trainer (DistillConfig.gags(), DJL's PyTorch engine) on a scene's real "
          + "contributor lists or on synthetic ones.",
      "--scene DIR renders --views views (evenly spaced in name order) at the training resolution "
          + "(half size) for their contributor lists; otherwise --gaussians, --width, --height and "
          + "--contributors (exactly K distinct random Gaussians per pixel). Segment maps and CLIP "
          + "features are synthetic either way (--regions per level, CLIP 512): the step's cost "
          + "depends on their sizes, not their values.",
      "Runs --iterations iterations (the consistency term from the scaled iteration 15,001/30,000 on), "
          + "times those after --warmup that take an optimiser step, then times each part of the step "
          + "alone, forward and backward (StepProfile): sparse F = W·f, decoders, losses (with the region "
          + "map), optimiser. Peak RSS is VmHWM after the timed iterations, before the split."
    })
final class DistillBenchCommand implements Callable<Integer> {
  /** Synthetic sizes when none are given. */
  static final int DEFAULT_GAUSSIANS = 100_000;
  static final int DEFAULT_WIDTH = 240;
  static final int DEFAULT_HEIGHT = 180;
  static final int DEFAULT_CONTRIBUTORS = 32;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scene", description = "Scene folder (images/, sparse/0/, point_cloud PLY).")
  Path scene;

  @Option(names = "--gaussians", description = "Synthetic: Gaussians (default: " + DEFAULT_GAUSSIANS + ").")
  Integer gaussians;

  @Option(names = "--width", description = "Synthetic: training image width (default: " + DEFAULT_WIDTH + ").")
  Integer width;

  @Option(names = "--height", description = "Synthetic: training image height (default: " + DEFAULT_HEIGHT + ").")
  Integer height;

  @Option(names = "--contributors", description = "Synthetic: contributors per pixel (default: " + DEFAULT_CONTRIBUTORS
      + ").")
  Integer contributors;

  @Option(names = "--decoder-width", defaultValue = "256",
      description = "Feature decoder hidden width (default: ${DEFAULT-VALUE}, the published one).")
  int decoderWidth;

  @Option(names = "--iterations", defaultValue = "12", description = "Iterations of the training (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed first iterations (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--views", defaultValue = "2", description = "Views in the training (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--regions", defaultValue = "150,100,50", split = ",",
      description = "Synthetic segments per level s,m,l (default: ${DEFAULT-VALUE}).")
  int[] regions;

  @Option(names = "--forward", description = "Sparse forward: coo or gather (default: the config's, coo).")
  String forward;

  @Option(names = "--chunk-pixels", description = "Pixels per chunk of a training step, 0 = the whole view as one graph "
      + "(default: the config's, " + DistillConfig.DEFAULT_CHUNK_PIXELS + ").")
  Integer chunkPixels;

  @Option(names = "--split-repeats", defaultValue = "3",
      description = "Timed repeats of each part of the split, 0 = no split (default: ${DEFAULT-VALUE}).")
  int splitRepeats;

  @Option(names = "--json", description = "Also write the results as JSON to this file.")
  Path json;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic inputs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    boolean synthetic = scene == null;
    if (!synthetic && (gaussians != null || width != null || height != null || contributors != null)) {
      throw usage("give either --scene or the synthetic sizes (--gaussians, --width, --height, --contributors), not both");
    }
    int n = orDefault(gaussians, DEFAULT_GAUSSIANS);
    int w = orDefault(width, DEFAULT_WIDTH);
    int h = orDefault(height, DEFAULT_HEIGHT);
    int k = orDefault(contributors, DEFAULT_CONTRIBUTORS);
    require(n >= 1, "--gaussians", "at least 1", n);
    require(w >= 1 && w <= 16_384, "--width", "1..16384", w);
    require(h >= 1 && h <= 16_384, "--height", "1..16384", h);
    require(k >= 1 && k <= Math.min(n, 1024), "--contributors", "1.." + Math.min(n, 1024) + " (and at most --gaussians)", k);
    require((long) w * h * k < Integer.MAX_VALUE - 8, "--width x --height x --contributors", "below 2^31 entries",
        (long) w * h * k);
    require(decoderWidth >= 1, "--decoder-width", "at least 1", decoderWidth);
    require(warmup >= 0, "--warmup", "at least 0", warmup);
    require(iterations >= warmup + 2, "--iterations", "at least --warmup + 2 (the last takes no optimiser step)",
        iterations);
    require(views >= 1 && views <= 1000, "--views", "1..1000", views);
    require(regions.length == 3 && regions[0] >= 1 && regions[1] >= 1 && regions[2] >= 1, "--regions",
        "three positive counts s,m,l", String.join(",", java.util.Arrays.stream(regions).mapToObj(String::valueOf).toList()));
    require(splitRepeats >= 0, "--split-repeats", "at least 0", splitRepeats);
    require(chunkPixels == null || chunkPixels >= 0, "--chunk-pixels", "at least 0", chunkPixels);
    DistillConfig cfg = DistillConfig.gags();
    try {
      if (forward != null) {
        cfg = cfg.withForward(DistillConfig.SparseForward.of(forward));
      }
    } catch (IllegalArgumentException e) {
      throw usage("--forward: " + e.getMessage());
    }
    int lateStart = Math.max(1, (int) Math.round(iterations * 15_001.0 / 30_000));
    cfg = cfg.withWidths(cfg.featureDim(), decoderWidth, cfg.clipDim(), cfg.granularityWidths())
        .withSchedule(iterations, lateStart);
    if (chunkPixels != null) {
      cfg = cfg.withChunkPixels(chunkPixels);
    }
    int clipDim = cfg.clipDim();

    Inputs in = synthetic ? syntheticInputs(n, w, h, k, clipDim) : sceneInputs(clipDim);
    System.out.printf(Locale.ROOT, "bench distill: %s, %,d Gaussians, %dx%d training pixels, %d views, decoder width %d, "
            + "forward %s, chunks of %d pixels, torch threads %s, %d cores, java %s, max heap %d MiB%n%n", in.description, in.gaussians,
        in.width, in.height, views, decoderWidth, cfg.forward().key(), cfg.chunkPixels(), System.getProperty("ai.djl.pytorch.num_threads",
            "default"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);

    List<Long> entriesPerView = new ArrayList<>();
    long[] stepNanos = new long[iterations + 1];
    Map<Integer, Long> rss = new LinkedHashMap<>();
    StepProfile.Split split = null;
    Map<StepPhases.Phase, Double> phases = new java.util.EnumMap<>(StepPhases.Phase.class);
    long peakRss;
    long uploadNanos;
    // A lazy list: each view is built when the trainer reads it (once) and not kept here.
    List<DistillView> lazy = new AbstractList<>() {
      @Override
      public DistillView get(int i) {
        DistillView v = in.views.apply(i);
        entriesPerView.add((long) v.contributors().entries());
        return v;
      }

      @Override
      public int size() {
        return views;
      }
    };
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    try (Trainer trainer = Trainer.create(cfg, lazy, in.gaussians)) {
      uploadNanos = System.nanoTime() - t0;
      long[] last = {System.nanoTime()};
      trainer.train(r -> {
        long now = System.nanoTime();
        stepNanos[r.iteration()] = now - last[0];
        last[0] = now;
        int i = r.iteration();
        if (i == warmup) {
          trainer.phases().reset(); // the timed iterations only
        } else if (i == iterations - 1) {
          phases.putAll(trainer.phases().meanMs());
        }
        if (i == warmup + 1 || i == iterations || Long.bitCount(i) == 1 || i % 1000 == 0) {
          rss.put(i, ProcessMemory.rssBytes());
        }
      });
      peakRss = ProcessMemory.peakRssBytes();
      if (splitRepeats > 0) {
        split = StepProfile.measure(trainer, in.views.apply(0), lateStart, splitRepeats);
      }
    }
    long peakRssWithSplit = ProcessMemory.peakRssBytes();
    String loadAfter = loadAverage();
    long deviceBytes = split != null ? split.viewDeviceBytes() : StepProfile.deviceBytes(cfg, in.views.apply(0), in.gaussians);

    // Timed: after the warm-up, up to the last iteration that takes an optimiser step.
    double[] timed = new double[iterations - 1 - warmup];
    int late = 0;
    for (int i = warmup + 1; i <= iterations - 1; i++) {
      timed[i - warmup - 1] = stepNanos[i] / 1e6;
      late += cfg.late(i) ? 1 : 0;
    }
    double median = StepProfile.median(timed);
    double mean = java.util.Arrays.stream(timed).average().orElseThrow();
    long entries = entriesPerView.isEmpty() ? 0 : entriesPerView.get(0);
    long pixels = (long) in.width * in.height;
    double perPixel = entries / (double) pixels;

    System.out.println("| input | pixels | Gaussians | contributors/px | entries (view 0) | decoder width | forward | "
        + "ms/iteration (median) | mean | timed | peak RSS MiB | view on device MiB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,d | %d | %s | %.1f | %.1f | %d (%d late) | %d | %.1f |%n",
        in.label, pixels, in.gaussians, perPixel, entries, decoderWidth, cfg.forward().key(), median, mean,
        timed.length, late, peakRss >> 20, deviceBytes / 1048576.0);
    System.out.println();
    System.out.printf(Locale.ROOT, "views uploaded in %.1f s; RSS (MiB) at iteration %s; load average (1 min) %s "
            + "before, %s after%n", uploadNanos / 1e9,
        String.join(", ", rss.entrySet().stream().map(e -> e.getKey() + ": " + (e.getValue() >> 20)).toList()),
        loadBefore, loadAfter);
    if (cfg.chunkPixels() > 0 && !phases.isEmpty()) {
      System.out.println();
      System.out.printf(Locale.ROOT, "Inside the step (chunks of %d pixels): mean ms per timed iteration (StepPhases):%n%n",
          cfg.chunkPixels());
      System.out.println("| phase | ms | share of the step |");
      System.out.println("|---|---|---|");
      double sum = phases.values().stream().mapToDouble(Double::doubleValue).sum();
      phases.forEach((phase, ms) -> row(phase.name().toLowerCase(Locale.ROOT).replace('_', ' '), ms, sum));
      System.out.printf(Locale.ROOT, "| sum of the phases | %.1f | vs %.1f ms per iteration (mean) |%n", sum, mean);
    }
    if (split != null) {
      System.out.println();
      System.out.printf(Locale.ROOT, "Split: each part alone, forward + backward, median of %d after one warm-up, "
          + "at iteration %d's loss weights (StepProfile):%n%n", split.repeats(), split.iteration());
      System.out.println("| part | ms | share of the parts |");
      System.out.println("|---|---|---|");
      double sum = split.sumMs();
      row("sparse F = W·f (" + cfg.forward().key() + ")", split.sparseMs(), sum);
      row("decoders (feature + granularity)", split.decodersMs(), sum);
      row("losses (with the region map)", split.lossesMs(), sum);
      row("of which region map (host)", split.regionMapMs(), sum);
      row("optimiser (3 Adam groups)", split.optimiserMs(), sum);
      System.out.printf(Locale.ROOT, "| sum of the parts | %.1f | vs %.1f ms per trainer iteration |%n", sum, median);
      System.out.printf(Locale.ROOT, "%npeak RSS with the split: %d MiB%n", peakRssWithSplit >> 20);
    }
    if (json != null) {
      writeJson(in, cfg, pixels, entries, perPixel, median, mean, timed.length, late, peakRss, peakRssWithSplit,
          deviceBytes, rss, split, phases, loadBefore + " / " + loadAfter);
      System.out.println("wrote " + json);
    }
    return 0;
  }

  private static void row(String part, double ms, double sum) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f%% |%n", part, ms, 100 * ms / sum);
  }

  /** What the trainer trains on: views built on demand (deterministic, so view 0 can be built again). */
  private record Inputs(String label, String description, int gaussians, int width, int height,
      IntFunction<DistillView> views) {}

  private Inputs syntheticInputs(int n, int w, int h, int k, int clipDim) {
    int[] r = regions.clone();
    return new Inputs("synthetic", String.format(Locale.ROOT, "synthetic (exactly %d random contributors per pixel, "
        + "segments %d/%d/%d per level and CLIP %d synthetic)", k, r[0], r[1], r[2], clipDim), n, w, h,
        i -> DistillInputs.view("synthetic" + i, seed + i,
            DistillInputs.contributors(seed + i, w, h, n, k), r, clipDim));
  }

  private Inputs sceneInputs(int clipDim) {
    if (!Files.isDirectory(scene)) {
      throw usage("--scene " + scene + ": expected a scene folder, found " + (Files.exists(scene) ? "a file" : "nothing"));
    }
    Scene s = SceneLoader.load(scene);
    List<View> all = s.views();
    require(views <= all.size(), "--views", "at most the scene's " + all.size() + " views", views);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    Camera first = all.get(0).camera();
    TrainingResolution res = TrainingResolution.half(first.width(), first.height());
    int[] r = regions.clone();
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC;
    return new Inputs("scene " + scene.getFileName(), String.format(Locale.ROOT,
        "scene %s (contributor lists rendered at the training resolution; segments %d/%d/%d per level and CLIP %d "
            + "synthetic)", scene, r[0], r[1], r[2], clipDim), cloud.count(), res.width(), res.height(),
        i -> {
          View v = all.get((int) ((long) i * all.size() / views));
          Camera c = trainingCamera(v.camera());
          Contributors lists = Rasterizer.render(cloud, c, RenderRequest.contributorsOnly(), settings).contributors();
          return DistillInputs.view(v.name(), seed + i, lists, r, clipDim);
        });
  }

  /**
   * The view's camera at the training resolution, fields of view kept (focal lengths and principal
   * point scaled per axis, as the reference's loadCam).
   */
  static Camera trainingCamera(Camera c) {
    TrainingResolution res = TrainingResolution.half(c.width(), c.height());
    double sx = (double) res.width() / c.width();
    double sy = (double) res.height() / c.height();
    return new Camera(c.rotation(), c.translation(), c.fx() * sx, c.fy() * sy, c.cx() * sx, c.cy() * sy, res.width(),
        res.height());
  }

  private void writeJson(Inputs in, DistillConfig cfg, long pixels, long entries, double perPixel, double median,
      double mean, int timed, int late, long peakRss, long peakRssWithSplit, long deviceBytes, Map<Integer, Long> rss,
      StepProfile.Split split, Map<StepPhases.Phase, Double> phases, String load) throws IOException {
    StringBuilder j = new StringBuilder("{\n");
    field(j, "input", quote(in.label));
    field(j, "input_description", quote(in.description));
    field(j, "segments_and_clip", quote("synthetic"));
    field(j, "gaussians", in.gaussians);
    field(j, "width", in.width);
    field(j, "height", in.height);
    field(j, "pixels", pixels);
    field(j, "views", views);
    field(j, "contributors_per_pixel", String.format(Locale.ROOT, "%.4f", perPixel));
    field(j, "entries", entries);
    field(j, "decoder_width", cfg.decoderWidth());
    field(j, "clip_dim", cfg.clipDim());
    field(j, "forward", quote(cfg.forward().key()));
    field(j, "chunk_pixels", cfg.chunkPixels());
    field(j, "iterations", cfg.iterations());
    field(j, "late_start", cfg.lateStart());
    field(j, "iterations_timed", timed);
    field(j, "iterations_timed_late", late);
    field(j, "ms_per_iteration", String.format(Locale.ROOT, "%.3f", median));
    field(j, "ms_per_iteration_mean", String.format(Locale.ROOT, "%.3f", mean));
    field(j, "device_bytes_view", deviceBytes);
    field(j, "peak_rss_bytes", peakRss);
    field(j, "peak_rss_bytes_with_split", peakRssWithSplit);
    field(j, "load_average_before_after", quote(load));
    field(j, "torch_threads", quote(System.getProperty("ai.djl.pytorch.num_threads", "default")));
    StringBuilder r = new StringBuilder("{");
    rss.forEach((it, b) -> r.append(r.length() > 1 ? ", " : "").append(quote(String.valueOf(it))).append(": ").append(b));
    field(j, "rss_bytes_at_iteration", r.append("}"));
    if (split != null) {
      String s = String.format(Locale.ROOT, "{\"method\": %s, \"repeats\": %d, \"iteration\": %d, \"sparse_ms\": %.3f, "
              + "\"decoders_ms\": %.3f, \"losses_ms\": %.3f, \"region_map_ms\": %.3f, \"optimiser_ms\": %.3f, "
              + "\"sum_ms\": %.3f}",
          quote("each part alone, forward + backward, on the trainer's current parameters and one uploaded view; "
              + "median after one warm-up; region_map_ms is inside losses_ms"),
          split.repeats(), split.iteration(), split.sparseMs(), split.decodersMs(), split.lossesMs(),
          split.regionMapMs(), split.optimiserMs(), split.sumMs());
      field(j, "split", s);
    }
    if (!phases.isEmpty()) {
      StringBuilder p = new StringBuilder("{");
      phases.forEach((phase, ms) -> p.append(p.length() > 1 ? ", " : "")
          .append(quote(phase.name().toLowerCase(Locale.ROOT) + "_ms")).append(": ")
          .append(String.format(Locale.ROOT, "%.3f", ms)));
      field(j, "phases", p.append("}"));
    }
    j.setLength(j.length() - 2);
    j.append("\n}\n");
    AtomicFiles.writeString(json, j.toString());
  }

  private static void field(StringBuilder j, String name, Object value) {
    j.append("  ").append(quote(name)).append(": ").append(value).append(",\n");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The 1-minute load average ("?" off Linux): other work on the machine shows in the timings. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static int orDefault(Integer v, int d) {
    return v == null ? d : v;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private void require(boolean ok, String option, String expected, Object found) {
    if (!ok) {
      throw usage(option + ": expected " + expected + ", found " + found);
    }
  }
}
