package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
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
      assertArrayEquals(beforeFooter(a), beforeFooter(b), table + ": data pages differ after the restart");
    }
  }

  /**
   * The file up to its footer: every data page, byte for byte. The footer is left out because
   * parquet-mr lists each column chunk's encodings from a HashSet of an enum whose hash is the
   * JVM's identity hash, so their order can differ between two JVMs writing identical data (the
   * same JVM writes identical files, which PipelineSparkTest checks on whole files).
   */
  private static byte[] beforeFooter(byte[] file) {
    int n = file.length;
    int footer = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
    assertEquals("PAR1", new String(file, n - 4, 4, StandardCharsets.US_ASCII));
    return Arrays.copyOf(file, n - 8 - footer);
  }

  record Result(int code, boolean killed, String log) {}

  /** Runs gags run under SparkSubmit; kills it with SIGKILL as soon as {@code killWhen} exists. */
  private static Result run(Path scene, Path out, Path log, Path killWhen) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(Arrays.asList(System.getProperty("gags.java.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", Files.readString(Path.of(System.getProperty("gags.spark.classpath"))).trim(),
        "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", "org.gags.cli.GagsCommand", System.getProperty("gags.jar"),
        "run", "--scenes", scene.toString(), "--out", out.toString(),
        "--stages", "scan,depth,min-depth,prompts"));
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
