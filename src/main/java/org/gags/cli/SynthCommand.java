package org.gags.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags synth}: writes the sample tabletop scene. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the sample tabletop scene (objects with parts and sub-parts).",
      "An INRIA-layout PLY with SH degree 3, COLMAP text cameras, photos rendered by our "
          + "renderer, LERF-OVS labels for every 3rd view and ground truth under gt/. Byte-identical "
          + "for a seed."
    })
final class SynthCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Scene folder to write (created).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--views", defaultValue = "24", description = "Number of photos (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--width", defaultValue = "480", description = "Image width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "360", description = "Image height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--threads", defaultValue = "0", description = "Render threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    SynthConfig cfg = SynthConfig.DEFAULT.withSeed(seed).withViews(views).withSize(width, height).withThreads(threads);
    long t0 = System.nanoTime();
    SampleScene.Summary s = SampleScene.write(out, cfg);
    System.out.printf("wrote %s: %,d Gaussians, %d views (%dx%d), %d labelled views with %d label objects, %d entities, %.1f s%n",
        s.root(), s.gaussians(), s.views(), width, height, s.labelledViews(), s.labelObjects(), s.entities().size(),
        (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
