package org.gags.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell scripts of {@code deploy/}, run with bash. The GPU discovery script's output is parsed by
 * Spark's own resource JSON parser; as this machine has no GPU, {@code nvidia-smi} is a script
 * printing what {@code nvidia-smi --query-gpu=index --format=csv,noheader} prints on a two-GPU host.
 * The submit wrappers are checked in their dry-run mode (the command they would run); the standalone
 * one also runs for real against a cluster in {@code StandaloneClusterIT}.
 */
@Tag("unit")
class DeployScriptsTest {
  @TempDir Path dir;

  @Test
  void theDiscoveryScriptListsTheGpusAsSparkReadsThem() throws Exception {
    Path bin = fakeNvidiaSmi("0\n1\n");
    Result all = bash(Map.of("PATH", bin + ":/usr/bin:/bin"), "deploy/gpu-discovery.sh");
    assertEquals(0, all.code(), all.out());
    ResourceInformation gpus = ResourceInformation.parseJson(all.out().trim());
    assertEquals("gpu", gpus.name());
    assertEquals(List.of("0", "1"), List.of(gpus.addresses()));

    // CUDA renumbers the visible GPUs from 0: the address a task gets is the device it opens
    Result one = bash(Map.of("PATH", bin + ":/usr/bin:/bin", "CUDA_VISIBLE_DEVICES", "1"), "deploy/gpu-discovery.sh");
    assertEquals(0, one.code(), one.out());
    assertEquals(List.of("0"), List.of(ResourceInformation.parseJson(one.out().trim()).addresses()));
  }

  @Test
  void theDiscoveryScriptFailsWithTheReasonWhereThereIsNoGpu() throws Exception {
    Result missing = bash(Map.of("PATH", dir + ":/usr/bin:/bin"), "deploy/gpu-discovery.sh");
    assertEquals(1, missing.code(), missing.out());
    assertTrue(missing.out().contains("nvidia-smi not found on PATH"), missing.out());

    Result none = bash(Map.of("PATH", fakeNvidiaSmi("") + ":/usr/bin:/bin"), "deploy/gpu-discovery.sh");
    assertEquals(1, none.code(), none.out());
    assertTrue(none.out().contains("nvidia-smi lists no GPU"), none.out());

    Result hidden = bash(Map.of("PATH", fakeNvidiaSmi("0\n") + ":/usr/bin:/bin", "CUDA_VISIBLE_DEVICES", ""),
        "deploy/gpu-discovery.sh");
    assertEquals(1, hidden.code(), hidden.out());
    assertTrue(hidden.out().contains("hides every GPU"), hidden.out());
  }

  @Test
  void profilesSplitIntoSparkPropertiesAndGagsSetsLaterProfilesWinning() throws Exception {
    Result r = bash(Map.of("GAGS_DRY_RUN", "1", "GAGS_PROFILES", "cluster-gpu rapids s3", "GAGS_JAR", "/opt/gags/gags.jar"),
        "deploy/submit-standalone.sh", "spark://master:7077", "--conf", "spark.cores.max=8", "--",
        "run", "--scenes", "s3a://b/scenes", "--out", "s3a://b/out", "--set", "model.threads=2");
    assertEquals(0, r.code(), r.out());
    String command = r.out().lines().findFirst().orElseThrow();
    assertTrue(command.startsWith("spark-submit --master spark://master:7077 --conf spark.cores.max=8 --properties-file "), command);
    // gags keys ride as --set right after the command, so the caller's own --set (model.threads=2) still wins
    assertTrue(command.endsWith("--class org.gags.cli.GagsCommand /opt/gags/gags.jar run --set model.device=cuda"
        + " --set model.threads=1 --set distill.device=cuda --set run.concurrent_scenes=8"
        + " --scenes s3a://b/scenes --out s3a://b/out --set model.threads=2 "), command);
    List<String> props = r.out().lines().skip(2).toList();
    assertTrue(props.contains("spark.executor.memoryOverhead = 14g"), "rapids (later) wins over cluster-gpu: " + props);
    assertEquals(1, props.stream().filter(l -> l.startsWith("spark.executor.memoryOverhead")).count(), props.toString());
    assertTrue(props.contains("spark.plugins = com.nvidia.spark.SQLPlugin"), props.toString());
    assertTrue(props.contains("spark.hadoop.fs.s3a.path.style.access = false"), props.toString());
    assertTrue(props.stream().allMatch(l -> l.startsWith("spark.")), "only spark.* keys reach spark-submit: " + props);
  }

  @Test
  void wrappersRefuseWhatTheyCannotRun() throws Exception {
    Result profile = bash(Map.of("GAGS_DRY_RUN", "1", "GAGS_PROFILES", "no-such"), "deploy/submit-standalone.sh",
        "spark://m:7077", "--", "tables");
    assertEquals(2, profile.code(), profile.out());
    assertTrue(profile.out().contains("profile 'no-such': expected conf/no-such.properties or a file"), profile.out());

    Result master = bash(Map.of("GAGS_DRY_RUN", "1"), "deploy/submit-standalone.sh", "yarn", "--", "tables");
    assertEquals(2, master.code(), master.out());
    assertTrue(master.out().contains("expected the master as spark://HOST:PORT, found 'yarn'"), master.out());

    Result image = bash(Map.of("GAGS_DRY_RUN", "1"), "deploy/submit-k8s.sh", "--", "tables");
    assertEquals(2, image.code(), image.out());
    assertTrue(image.out().contains("set GAGS_IMAGE"), image.out());
  }

  @Test
  void theKubernetesWrapperRunsTheDriverInItsPodWithTheGpuTemplate() throws Exception {
    Result r = bash(Map.of("GAGS_DRY_RUN", "1", "GAGS_IMAGE", "registry/gags:1", "GAGS_PROFILES", "cluster-gpu s3",
            "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443", "POD_IP", "10.1.2.3", "HOSTNAME", "sweep-pod"),
        "deploy/submit-k8s.sh", "--", "tables");
    assertEquals(0, r.code(), r.out());
    String command = r.out().lines().findFirst().orElseThrow();
    for (String part : List.of("--master k8s://https://10.0.0.1:443", "--deploy-mode client",
        "spark.kubernetes.container.image=registry/gags:1", "spark.driver.host=10.1.2.3",
        "spark.kubernetes.driver.pod.name=sweep-pod", "deploy/k8s/executor-gpu.yaml")) {
      assertTrue(command.contains(part), part + " in " + command);
    }
    assertTrue(Files.isRegularFile(Path.of("deploy/k8s/executor-gpu.yaml")), "the template it names exists");
  }

  @Test
  void theCollectionRunHandsItsScenesAndOptionsToTheClusterWrapper() throws Exception {
    Result r = bash(Map.of("GAGS_DRY_RUN", "1", "GAGS_TARGET", "standalone", "GAGS_MASTER", "spark://m:7077",
            "GAGS_JAR", "/opt/gags/gags.jar", "GAGS_SUBMIT_OPTS", "--conf spark.cores.max=4"),
        "jobs/run-collection", "s3a://b/out", "s3a://b/scenes-1", "s3a://b/list.txt", "--", "--preset", "sample-cpu");
    assertEquals(0, r.code(), r.out());
    String command = r.out().lines().filter(l -> l.startsWith("spark-submit ")).findFirst().orElseThrow();
    assertTrue(command.startsWith("spark-submit --master spark://m:7077 --conf spark.cores.max=4 --properties-file "), command);
    assertTrue(command.endsWith("/opt/gags/gags.jar run --set model.device=cpu --set model.threads=1 --set distill.device=cpu"
        + " --set run.concurrent_scenes=4 --scenes s3a://b/scenes-1 s3a://b/list.txt --out s3a://b/out --preset sample-cpu "), command);
  }

  @Test
  void theBenchSweepWritesAFolderPerDayAndNeverRunsTwiceAtOnce() throws Exception {
    Path grid = Files.writeString(dir.resolve("paper-table4.properties"), "avg distill.target=average\n");
    Map<String, String> env = Map.of("GAGS_DRY_RUN", "1", "GAGS_TARGET", "standalone", "GAGS_MASTER", "spark://m:7077",
        "GAGS_JAR", "/g.jar", "GAGS_LOCK_DIR", dir.toString());
    Result r = bash(env, "jobs/bench-sweep", grid.toString(), "s3a://b/bench/", "s3a://b/scenes");
    assertEquals(0, r.code(), r.out());
    String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertTrue(r.out().contains("/g.jar sweep --set model.device=cpu --set model.threads=1 --set distill.device=cpu"
        + " --set run.concurrent_scenes=4 --grid " + grid + " --scenes s3a://b/scenes --out s3a://b/bench/paper-table4/" + day + " "),
        r.out());

    // a sweep still running holds the lock: the next start leaves at once with code 75
    Path lock = dir.resolve("gags-bench-sweep-paper-table4.lock");
    Process holder = new ProcessBuilder("/bin/bash", "-c", "exec 9>'" + lock + "'; flock 9; echo locked; sleep 60").start();
    try {
      assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine());
      Result second = bash(env, "jobs/bench-sweep", grid.toString(), "s3a://b/bench", "s3a://b/scenes");
      assertEquals(75, second.code(), second.out());
      assertTrue(second.out().contains("still holds " + lock), second.out());
    } finally {
      holder.descendants().forEach(ProcessHandle::destroyForcibly);
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Path fakeNvidiaSmi(String output) throws IOException {
    Path bin = Files.createTempDirectory(dir, "bin");
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\nprintf '" + output.replace("\n", "\\n") + "'\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  record Result(int code, String out) {}

  /** Runs a script with bash from the repository root, with a clean environment plus {@code env}. */
  private Result bash(Map<String, String> env, String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", script));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("TMPDIR", dir.toString());
    pb.environment().putAll(env);
    Path log = Files.createTempFile(dir, "script", ".log");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectOutput(log.toFile());
    Process p = pb.start();
    boolean finished = p.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, script + " did not finish in 60 s:\n" + out);
    return new Result(p.exitValue(), out);
  }
}
