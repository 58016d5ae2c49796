package org.gags.deploy;

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
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.gags.spark.pipeline.Stage;
import org.gags.spark.pipeline.Stages;
import org.gags.store.TableDef;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.SameTables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver killed with SIGKILL in every stage, one after the other, in one output root: each
 * time {@code gags run} (the shaded jar under Spark's submit entry point, {@code local[2]}, a
 * separate JVM) is killed as soon as the stage is at work, checked, and started again, which goes
 * on to the next stage's kill. After every kill, each partition that carries a commit marker holds
 * exactly the clean run's data (nothing half-written is read as complete); every restart skips
 * the stages committed before it and redoes the one that was killed; a training killed after a
 * checkpoint resumes from it; the last run's tables equal an uninterrupted run's. libtorch runs on
 * one thread in these JVMs so that the trained field repeats bit for bit.
 */
@Tag("it")
class DriverKillIT {
  static final String SCENE = "tiny";

  @TempDir Path dir;

  /**
   * Where to kill: the stage, and what on disk says it is at work; {@code resumes} is the
   * checkpoint iteration this run's training must resume from (0: none).
   */
  record Kill(String stage, String why, Predicate<Path> when, int resumes) {
    Kill(String stage, String why, Predicate<Path> when) {
      this(stage, why, when, 0);
    }
  }

  @Test
  void aDriverKilledInEveryStageAndStartedAgainEndsWithTheCleanRunsTables() throws Exception {
    Path scene = dir.resolve("scenes/" + SCENE);
    SampleScene.write(scene, SynthConfig.DEFAULT.withViews(2).withSize(160, 120));
    List<String> args = new ArrayList<>(List.of("run", "--scenes", scene.toString(), "--preset", "sample-cpu"));
    for (String set : org.gags.model.TestModels.prepare(dir.resolve("models/clip")).sets()) {
      args.addAll(List.of("--set", set));
    }
    for (String set : SMALL) {
      args.addAll(List.of("--set", set));
    }
    long t0 = System.nanoTime();
    Path clean = dir.resolve("clean");
    Result whole = run(args, clean, dir.resolve("clean.log"), null);
    assertEquals(0, whole.code(), whole.log());
    double cleanSeconds = (System.nanoTime() - t0) / 1e9;

    Path out = dir.resolve("killed");
    List<Kill> kills = List.of(
        new Kill("scan", "views being written (scenes committed)", tmp("views")),
        new Kill("depth", "depth tasks at work", tmp("depth")),
        new Kill("min-depth", "maps at work (gaussian_min_depth committed)", tmp("min_depth")),
        new Kill("prompts", "prompts tasks at work", tmp("prompts")),
        new Kill("segment", "SAM tasks at work", tmp("segments")),
        new Kill("embed", "CLIP tasks at work", tmp("embeddings")),
        new Kill("contributors", "contributors tasks at work", tmp("contributors")),
        new Kill("distill", "training, after its first checkpoint", o -> hasCheckpoint(o)),
        new Kill("distill", "field committed, decoders and training not", o -> committed(o, "field"), 10),
        new Kill("eval", "scoring tasks at work", tmp("results"), 20));
    List<String> committedBefore = new ArrayList<>();
    int n = 0;
    for (Kill k : kills) {
      n++;
      long k0 = System.nanoTime();
      Result r = run(args, out, dir.resolve("kill-" + n + ".log"), k.when());
      assertTrue(r.killed(), "run " + n + " was to be killed in " + k.stage() + " (" + k.why() + "):\n" + r.log());
      assertEquals(137, r.code(), "destroyForcibly is SIGKILL (exit 128 + 9)");
      // This stage is not committed yet; every stage before it is, and was skipped by this run.
      assertTrue(!complete(out, k.stage()), "killed before " + k.stage() + " was committed:\n" + r.log());
      for (String done : committedBefore) {
        assertTrue(r.log().contains(SCENE + " " + done + ": up to date"), "run " + n + " skipped " + done + ":\n" + r.log());
      }
      // What carries a marker is complete: the clean run's bytes.
      int markedPartitions = checkMarkedPartitions(clean, out);
      System.out.printf("kill %d in %s (%s) after %.1f s: %d committed partitions equal the clean run's,"
          + " temporary folders left: %s%n", n, k.stage(), k.why(), (System.nanoTime() - k0) / 1e9, markedPartitions,
          temporaries(out));
      if (k.resumes() > 0) {
        assertTrue(r.log().contains("distill " + SCENE + ": resumed from the checkpoint at iteration " + k.resumes()),
            "run " + n + " resumed the killed training from its checkpoint at " + k.resumes() + ":\n" + r.log());
      }
      for (Stage s : Stages.all()) {
        if (complete(out, s.name()) && !committedBefore.contains(s.name())) {
          committedBefore.add(s.name());
        }
      }
    }
    long f0 = System.nanoTime();
    Result last = run(args, out, dir.resolve("final.log"), null);
    assertEquals(0, last.code(), last.log());
    assertTrue(last.log().contains(SCENE + " eval: started"), last.log());
    for (String done : committedBefore) {
      assertTrue(last.log().contains(SCENE + " " + done + ": up to date"), "the last run skipped " + done + ":\n" + last.log());
    }
    int tables = SameTables.assertSame(clean, out, SCENE, false);
    assertEquals(List.of(), listing(out.resolve("_gags/checkpoints/distill/" + SCENE)), "checkpoints removed once committed");
    try (Stream<Path> maps = Files.list(clean.resolve("heatmaps/" + SCENE))) {
      for (Path m : maps.toList()) {
        assertTrue(Arrays.equals(Files.readAllBytes(m), Files.readAllBytes(out.resolve("heatmaps/" + SCENE).resolve(
            m.getFileName()))), "heatmap " + m.getFileName());
      }
    }
    System.out.printf("driver killed %d times (every stage, distill twice); the last run in %.1f s; all %d tables equal"
        + " the clean run's (%.1f s); whole test %.1f s%n", kills.size(), (System.nanoTime() - f0) / 1e9, tables,
        cleanSeconds, (System.nanoTime() - t0) / 1e9);
  }

  /** A short training with a checkpoint every 10 iterations; small tasks, so that every stage has several. */
  static final List<String> SMALL = List.of("distill.iterations=30", "distill.late_start=16",
      "distill.checkpoint_every=10", "distill.log_every=10", "distill.decoder_width=16",
      "prompt.patches_per_side=4", "prompt.max_points_per_side=1", "depth.views_per_task=1", "eval.views_per_task=1");

  static Predicate<Path> tmp(String table) {
    return out -> Files.isDirectory(out.resolve("_gags/tmp/" + table));
  }

  static boolean committed(Path out, String table) {
    return Files.exists(out.resolve(table + "/scene_id=" + SCENE + "/_gags_commit.json"));
  }

  static boolean complete(Path out, String stage) {
    return Stages.byName(stage).outputs().stream().allMatch(t -> committed(out, t.name()));
  }

  static boolean hasCheckpoint(Path out) {
    return listing(out.resolve("_gags/checkpoints/distill/" + SCENE)).stream().anyMatch(f -> f.endsWith(".npz"));
  }

  static List<String> listing(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> temporaries(Path out) {
    return listing(out.resolve("_gags/tmp"));
  }

  /** Every partition of the scene that has a marker equals the clean run's; returns how many there are. */
  static int checkMarkedPartitions(Path clean, Path out) throws IOException {
    int n = 0;
    for (TableDef t : SameTables.all()) {
      if (committed(out, t.name())) {
        SameTables.assertSame(clean, out, t, SCENE, false);
        n++;
      }
    }
    return n;
  }

  record Result(int code, boolean killed, String log) {}

  /** Runs gags under SparkSubmit into {@code out}; kills it with SIGKILL as soon as {@code killWhen} holds. */
  static Result run(List<String> gagsArgs, Path out, Path log, Predicate<Path> killWhen) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // C1 only and the serial collector: half the CPU time of a JVM that lives a minute (Spark's start dominates)
    cmd.addAll(List.of("-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1"));
    cmd.addAll(Arrays.asList(System.getProperty("gags.java.opens").trim().split("\\s+")));
    String classpath = Files.readString(Path.of(System.getProperty("gags.spark.classpath"))).trim()
        + java.io.File.pathSeparator + System.getProperty("gags.libtorch.jar");
    cmd.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--class", "org.gags.cli.GagsCommand", System.getProperty("gags.jar")));
    cmd.addAll(gagsArgs);
    cmd.addAll(List.of("--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    boolean killed = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (killWhen != null && killWhen.test(out)) {
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        killed = true;
        break;
      }
      Thread.sleep(10);
    }
    p.waitFor(1, TimeUnit.MINUTES);
    if (p.isAlive()) {
      p.destroyForcibly();
      throw new AssertionError("gags run did not finish:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), killed, Files.readString(log, StandardCharsets.UTF_8));
  }
}
