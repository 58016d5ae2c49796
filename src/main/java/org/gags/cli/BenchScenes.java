package org.gags.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gags.spark.pipeline.SceneInputs;
import org.gags.spark.pipeline.SceneRef;
import org.gags.synth.OrbitScene;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import picocli.CommandLine;

/** Scenes and argument checks shared by the multi-scene benchmarks. */
final class BenchScenes {
  private BenchScenes() {}

  /** The first {@code count} sample scenes {@code WORK/scenes/sceneNNN} (seeds 1..count), generated where absent. */
  static List<SceneRef> sample(Path work, int count, int views, int width, int height) {
    return generate(work.resolve("scenes"), count,
        (dir, seed) -> SampleScene.write(dir, SynthConfig.DEFAULT.withSeed(seed).withViews(views).withSize(width, height)));
  }

  /**
   * The first {@code count} orbit scenes of {@code gaussians} random Gaussians (SH 0, flat photos,
   * seeds 1..count) under {@code WORK/orbit-<gaussians>-<views>x<width>x<height>/sceneNNN}, generated where absent.
   */
  static List<SceneRef> orbit(Path work, int count, int gaussians, int views, int width, int height) {
    return generate(work.resolve(String.format("orbit-%d-%dx%dx%d", gaussians, views, width, height)), count,
        (dir, seed) -> OrbitScene.write(dir, seed, gaussians, views, width, height));
  }

  private interface SceneWriter {
    void write(Path dir, long seed) throws IOException;
  }

  /** Scenes {@code sceneNNN} under {@code scenes}, each written under a temporary name and moved into place. */
  private static List<SceneRef> generate(Path scenes, int count, SceneWriter writer) {
    try {
      for (int i = 1; i <= count; i++) {
        Path s = scenes.resolve(String.format("scene%03d", i));
        if (!Files.exists(s)) {
          Path tmp = scenes.resolve(".tmp-" + s.getFileName());
          writer.write(tmp, i);
          Files.move(tmp, s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark scenes under " + scenes + ": " + e.getMessage(), e);
    }
    return SceneInputs.resolve(List.of(scenes.toString())).subList(0, count);
  }

  /** Refuses an option value: "OPTION: expected EXPECTED, found FOUND" (exit code 2). */
  static void require(CommandLine.Model.CommandSpec spec, boolean ok, String option, String expected, Object found) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": expected " + expected + ", found " + found);
    }
  }
}
