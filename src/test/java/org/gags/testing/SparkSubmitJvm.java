package org.gags.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark's JVMs as the integration tests start them: what {@code spark-submit} and {@code spark-class}
 * run, without the shell scripts. The classpath is what a Spark installation provides (the pom's
 * {@code spark-classpath} execution writes it), the shaded jar is {@code target/gags.jar}, and every
 * JVM gets the Java 17 {@code --add-opens} list Spark's launcher adds itself. Failsafe passes the
 * paths as system properties ({@code gags.jar}, {@code gags.spark.classpath},
 * {@code gags.libtorch.jar}, {@code gags.java.opens}).
 */
public final class SparkSubmitJvm {
  private SparkSubmitJvm() {}

  /** The shaded jar under test. */
  public static Path gagsJar() {
    return Path.of(System.getProperty("gags.jar"));
  }

  /** Spark's jars, as the pom listed them (one classpath string). */
  public static String sparkClasspath() throws IOException {
    return Files.readString(Path.of(System.getProperty("gags.spark.classpath"))).trim();
  }

  /** libtorch's CPU natives, which a deployment puts beside Spark's jars (deploy/README.md). */
  public static Path libtorchJar() {
    return Path.of(System.getProperty("gags.libtorch.jar"));
  }

  /** {@code java -Xmx<heap> <add-opens> <jvmOptions> -cp <classpath> <mainClass>}. */
  public static List<String> java(String heap, List<String> jvmOptions, String classpath, String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.addAll(Arrays.asList(System.getProperty("gags.java.opens").trim().split("\\s+")));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    return cmd;
  }

  /**
   * {@code spark-submit [submitOptions] --class org.gags.cli.GagsCommand target/gags.jar [gagsArgs]}
   * in a driver JVM of {@code heap} (the UI off).
   */
  public static List<String> submit(String heap, List<String> jvmOptions, String classpath, List<String> submitOptions,
      List<String> gagsArgs) {
    List<String> cmd = java(heap, jvmOptions, classpath, "org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(submitOptions);
    cmd.addAll(List.of("--conf", "spark.ui.enabled=false", "--class", "org.gags.cli.GagsCommand", gagsJar().toString()));
    cmd.addAll(gagsArgs);
    return cmd;
  }

  /** A finished process: its exit code and its output (stdout and stderr together). */
  public record Finished(int code, String log) {}

  /** Runs {@code cmd} bound to 127.0.0.1 with its output in {@code log}; kills it after {@code minutes}. */
  public static Finished run(List<String> cmd, Path log, long minutes) throws IOException, InterruptedException {
    return run(cmd, java.util.Map.of(), log, minutes);
  }

  /**
   * As {@link #run(List, Path, long)}, with {@code env} added to the environment; the process and
   * everything it started are killed on the way out.
   */
  public static Finished run(List<String> cmd, java.util.Map<String, String> env, Path log, long minutes)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      boolean finished = p.waitFor(minutes, TimeUnit.MINUTES);
      String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      if (!finished) {
        throw new AssertionError(String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " ... did not finish in "
            + minutes + " minutes:\n" + out);
      }
      return new Finished(p.exitValue(), out);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
