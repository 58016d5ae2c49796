package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.ParquetPages;
import org.gags.testing.SparkSubmitJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * A run killed with SIGKILL in the middle (after depth is committed, during min-depth) and started
 * again produces the same tables, byte for byte, as a run that was never interrupted; the restart
 * skips the committed stage. Runs the shaded jar through Spark's submit entry point.
 */
@Tag("it")
class PipelineRestartIT {
  @TempDir Path dir;

  @Test
  void aKilledRunRestartedGivesTheSameTablesAsAnUninterruptedOne() throws Exception {
    Path scene = dir.resolve("tabletop");
    SampleScene.write(scene, SynthConfig.DEFAULT.withViews(12).withSize(320, 240));
    Path clean = dir.resolve("clean");
    Path killed = dir.resolve("killed");

    Result whole = run(scene, clean, dir.resolve("clean.log"), null);
    assertEquals(0, whole.code(), whole.log());

    Result first = run(scene, killed, dir.resolve("killed-1.log"), killed.resolve("depth/scene_id=tabletop/_gags_commit.json"));
    assertTrue(first.killed(), "the first run should have been killed mid-way:\n" + first.log());
    assertTrue(!Files.exists(killed.resolve("prompts/scene_id=tabletop/_gags_commit.json")), "prompts were not committed");

    Result restart = run(scene, killed, dir.resolve("killed-2.log"), null);
    assertEquals(0, restart.code(), restart.log());
    assertTrue(restart.log().contains("depth: up to date"), "the restart reuses the committed depth:\n" + restart.log());

    for (String table : List.of("scenes", "views", "depth", "gaussian_min_depth", "min_depth", "prompts")) {
      byte[] a = Files.readAllBytes(dataFile(clean, table));
      byte[] b = Files.readAllBytes(dataFile(killed, table));
      assertEquals(a.length, b.length, table + ": file sizes differ after the restart");
      assertArrayEquals(ParquetPages.beforeFooter(a), ParquetPages.beforeFooter(b), table + ": data pages differ after the restart");
    }
  }

  record Result(int code, boolean killed, String log) {}

  /** Runs gags run under SparkSubmit; kills it with SIGKILL as soon as {@code killWhen} exists. */
  private static Result run(Path scene, Path out, Path log, Path killWhen) throws Exception {
    List<String> cmd = SparkSubmitJvm.submit("2g", List.of(), SparkSubmitJvm.sparkClasspath(), List.of("--master", "local[2]"),
        List.of("run", "--scenes", scene.toString(), "--out", out.toString(), "--stages", "scan,depth,min-depth,prompts"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    boolean killed = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (killWhen != null && Files.exists(killWhen)) {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        killed = true;
        break;
      }
      Thread.sleep(20);
    }
    p.waitFor(1, TimeUnit.MINUTES);
    if (p.isAlive()) {
      p.destroyForcibly();
      throw new AssertionError("gags run did not finish:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), killed, Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Path dataFile(Path out, String table) throws IOException {
    try (Stream<Path> s = Files.list(out.resolve(table + "/scene_id=tabletop"))) {
      List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, files.size(), table);
      return files.get(0);
    }
  }
}
