package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gags bench distill} end to end at tiny sizes: its JSON, and one clear line for bad arguments. */
@Tag("model")
class DistillBenchCommandTest {
  @TempDir Path dir;

  static final String[] TINY = {"--decoder-width", "8", "--iterations", "5", "--warmup", "1", "--views", "2",
    "--regions", "6,4,3"};

  @Test
  void syntheticRunWritesTheFiguresAndTheSplit() throws IOException {
    Path json = dir.resolve("d.json");
    CliRunner.Run r = gags("--gaussians", "300", "--width", "12", "--height", "10", "--contributors", "4", "--split-repeats", "1", "--json",
        json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| synthetic | 120 | 300 | 4.0 | 480 | 8 | coo |"), r.out());
    assertTrue(r.out().contains("| sum of the parts |"), r.out());
    String text = Files.readString(json);
    for (String key : new String[] {"ms_per_iteration", "pixels", "contributors_per_pixel", "peak_rss_bytes",
        "device_bytes_view", "entries", "split", "sparse_ms", "decoders_ms", "losses_ms", "region_map_ms",
        "optimiser_ms", "sum_ms", "rss_bytes_at_iteration"}) {
      assertTrue(text.contains("\"" + key + "\": "), key + " in " + text);
    }
    assertTrue(text.contains("\"pixels\": 120,"), text);
    assertTrue(text.contains("\"contributors_per_pixel\": 4.0000,"), text);
    assertTrue(text.contains("\"iterations_timed\": 3,"), text);
  }

  @Test
  void sceneRunRendersContributorListsAtTheTrainingResolution() throws IOException {
    Path scene = dir.resolve("scene");
    SampleScene.write(scene, SynthConfig.DEFAULT.withViews(2).withSize(32, 24));
    CliRunner.Run r = gags("--scene", scene.toString(), "--forward", "gather", "--split-repeats", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| scene scene | 192 | "), r.out()); // 16 x 12 training pixels
    assertFalse(r.out().contains("sum of the parts"), r.out());
  }

  @Test
  void badArgumentsExitTwoWithOneClearLine() {
    String[][] cases = {
      {"--width", "0", "--width: expected 1..16384, found 0"},
      {"--scene", dir.toString(), "give either --scene or the synthetic sizes"},
      {"--contributors", "400", "--contributors: expected 1..300 (and at most --gaussians), found 400"},
      {"--forward", "dense", "--forward: "},
      {"--iterations", "2", "--iterations: expected at least --warmup + 2"},
      {"--chunk-pixels", "-1", "--chunk-pixels: expected at least 0, found -1"},
    };
    for (String[] c : cases) {
      CliRunner.Run r = CliRunner.gags("bench", "distill", "--gaussians", "300", c[0], c[1]);
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[2]), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
  }

  private static CliRunner.Run gags(String... args) {
    String[] all = new String[2 + args.length + TINY.length];
    all[0] = "bench";
    all[1] = "distill";
    System.arraycopy(TINY, 0, all, 2, TINY.length);
    System.arraycopy(args, 0, all, 2 + TINY.length, args.length);
    return CliRunner.gags(all);
  }
}
