package org.gags.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.synth.RandomScene;
import org.gags.util.HeapPeaks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench render}: rasterizer throughput on a random scene. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Times the rasterizer on a random scene (default 1M Gaussians at 988x731).",
      "Renders in rgb, depth and contributor modes (SH degree 3) after warm-up and reports the "
          + "median time, Gaussians/s, pixels/s, the split between projection, binning and "
          + "compositing, and peak heap (sum of heap-pool peaks, reset before each mode)."
    })
final class RenderBenchCommand implements Callable<Integer> {
  @Option(names = "--gaussians", defaultValue = "1000000", description = "Gaussians (default: ${DEFAULT-VALUE}).")
  int gaussians;

  @Option(names = "--width", defaultValue = "988", description = "Image width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "731", description = "Image height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--sh-degree", defaultValue = "3", description = "SH degree 0..3 (default: ${DEFAULT-VALUE}).")
  int shDegree;

  @Option(names = "--threads", defaultValue = "0", description = "Threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs per mode (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per mode (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--seed", defaultValue = "1", description = "Scene seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--modes", defaultValue = "rgb,depth,contributors", split = ",",
      description = "Modes to time: rgb, depth, contributors (default: ${DEFAULT-VALUE}).")
  String[] modes;

  @Override
  public Integer call() {
    GaussianCloud cloud = RandomScene.cloud(seed, gaussians, shDegree, 1.0, 0.002);
    Camera camera = RandomScene.camera(width, height);
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC.withThreads(threads);
    System.out.printf("render bench: %,d Gaussians, SH degree %d, %dx%d, %d threads, %d cores, java %s, max heap %d MiB%n",
        gaussians, shDegree, width, height, org.gags.util.Parallel.resolveThreads(threads),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println();
    System.out.println("| mode | median ms | min ms | Gaussians/s | pixels/s | project ms | bin ms | composite ms | visible | tile pairs | peak heap MiB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    StringBuilder notes = new StringBuilder();
    for (String mode : modes) {
      RenderRequest request = switch (mode.trim()) {
        case "rgb" -> RenderRequest.rgb(new float[] {0, 0, 0});
        case "depth" -> RenderRequest.depthOnly();
        case "contributors" -> RenderRequest.contributorsOnly();
        default -> throw new IllegalArgumentException("--modes: expected rgb, depth or contributors, found " + mode);
      };
      for (int i = 0; i < warmup; i++) {
        Rasterizer.render(cloud, camera, request, settings);
      }
      System.gc();
      HeapPeaks.reset();
      long[] total = new long[repeats];
      RenderResult last = null;
      long[] split = new long[3];
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        last = Rasterizer.render(cloud, camera, request, settings);
        total[i] = System.nanoTime() - t0;
        split[0] += last.stats().projectNanos();
        split[1] += last.stats().binNanos();
        split[2] += last.stats().compositeNanos();
      }
      long peak = HeapPeaks.peakBytes();
      long[] sorted = total.clone();
      Arrays.sort(sorted);
      double median = sorted[repeats / 2] / 1e6;
      System.out.printf("| %s | %.0f | %.0f | %.2e | %.2e | %.0f | %.0f | %.0f | %,d | %,d | %d |%n",
          mode, median, sorted[0] / 1e6, gaussians / (median / 1e3), (double) width * height / (median / 1e3),
          split[0] / 1e6 / repeats, split[1] / 1e6 / repeats, split[2] / 1e6 / repeats, last.stats().visible(),
          last.stats().intersections(), peak >> 20);
      if (last.contributors() != null) {
        notes.append(String.format("contributor lists: %,d entries (%.1f per pixel, %d MiB as CSR)%n",
            last.contributors().entries(), last.contributors().entries() / (double) (width * height),
            (8L * last.contributors().entries() + 4L * width * height) >> 20));
      }
    }
    System.out.print(notes);
    return 0;
  }
}
