package org.gags.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, from the Spark jars the build already has: a Spark
 * home is laid out ({@code jars/} links to every jar of a Spark installation, plus libtorch's CPU
 * natives as a deployment puts them beside Spark's jars; an empty {@code conf/}; a
 * {@code bin/spark-submit}), then a master and
 * {@code workers} workers start as separate JVMs of Spark's own main classes, as
 * {@code sbin/start-master.sh} and {@code start-worker.sh} would, bound to 127.0.0.1 on ports the
 * system picks. Executors are JVMs the workers launch from that Spark home. {@link #close()} stops
 * every one of them.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
  private static final long START_SECONDS = 120;

  private final Path dir;
  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private String masterUrl;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.home = dir.resolve("spark-home");
  }

  /**
   * Starts a master and {@code workers} workers (JVMs of {@code daemonHeap} each), each worker
   * offering 1 core and {@code executorMemory} to executors; returns once every worker has registered.
   * The home's {@code bin/spark-submit} starts drivers of {@code driverHeap}.
   */
  public static StandaloneCluster start(Path dir, int workers, String daemonHeap, String executorMemory, String driverHeap)
      throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(dir);
    try {
      c.layOutHome(driverHeap);
      Path master = c.launch("master", List.of("org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"), daemonHeap);
      c.masterUrl = c.await(master, MASTER_URL).group(1);
      List<Path> workerLogs = new ArrayList<>();
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(c.workDir(i));
        workerLogs.add(c.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", executorMemory,
            "--work-dir", work.toString(), c.masterUrl), daemonHeap));
      }
      for (Path log : workerLogs) {
        c.await(log, Pattern.compile("Successfully registered with master"));
      }
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The laid-out Spark home; {@code jars/*} is the classpath of every JVM of the cluster. */
  public Path home() {
    return home;
  }

  /** The classpath a driver uses: the Spark home's {@code jars/*}. */
  public String classpath() {
    return home.resolve("jars") + File.separator + "*";
  }

  /** Worker {@code i}'s work folder: one folder per application and executor, with its stdout and stderr. */
  public Path workDir(int i) {
    return dir.resolve("work-" + i);
  }

  /** The stderr files of every executor the workers launched. */
  public List<Path> executorLogs() throws IOException {
    List<Path> out = new ArrayList<>();
    for (int i = 1; Files.isDirectory(workDir(i)); i++) {
      try (Stream<Path> s = Files.walk(workDir(i), 3)) {
        s.filter(p -> p.getFileName().toString().equals("stderr")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** The last lines of the master's, the workers' and the executors' logs, for a failure message. */
  public String logTails() {
    StringBuilder sb = new StringBuilder();
    List<Path> all = new ArrayList<>(logs);
    try {
      all.addAll(executorLogs());
    } catch (IOException e) {
      sb.append("(cannot list the executors' logs: ").append(e.getMessage()).append(")\n");
    }
    for (Path log : all) {
      sb.append("--- ").append(log).append('\n').append(tail(log, 40));
    }
    return sb.toString();
  }

  /** Processes still alive whose command line names this cluster's Spark home (master, workers, executors, drivers). */
  public List<ProcessHandle> leftovers() {
    String mark = home.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid() && p.isAlive())
        .filter(p -> p.info().commandLine().map(cl -> cl.contains(mark)).orElse(false))
        .toList();
  }

  /**
   * Stops the workers (SIGTERM: a worker kills its executors on the way out), then the master;
   * whatever is still alive after 30 seconds, executors included, is killed with SIGKILL.
   */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : processes) {
      p.descendants().forEach(all::add);
      all.add(p.toHandle());
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle p : all) {
      awaitExit(p, Math.max(0, deadline - System.nanoTime()));
    }
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      awaitExit(p, TimeUnit.SECONDS.toNanos(10)); // what is still alive after this, leftovers() reports
    }
  }

  private static void awaitExit(ProcessHandle p, long nanos) {
    try {
      p.onExit().get(nanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // still alive: killed (or reported) by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code jars/}, an empty {@code conf/}, and {@code bin/spark-submit}: what a distribution's script
   * runs through Spark's launcher (SparkSubmit on {@code jars/*} with the add-opens list), with the
   * driver heap fixed instead of read from {@code spark.driver.memory}.
   */
  private void layOutHome(String driverHeap) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    StringBuilder submit = new StringBuilder("#!/usr/bin/env bash\n# spark-submit of a Spark home laid out by a test\nexec");
    for (String arg : SparkSubmitJvm.java(driverHeap, List.of(), classpath(), "org.apache.spark.deploy.SparkSubmit")) {
      submit.append(" '").append(arg).append('\'');
    }
    Path script = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
    Files.writeString(script, submit.append(" \"$@\"\n"));
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>(List.of(SparkSubmitJvm.sparkClasspath().split(File.pathSeparator)));
    entries.add(SparkSubmitJvm.libtorchJar().toString());
    for (String entry : entries) {
      Path jar = Path.of(entry);
      if (!Files.isRegularFile(jar)) {
        throw new IOException("Spark home: expected a jar at " + jar + " (from the pom's spark classpath), found none");
      }
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
  }

  /** Starts one daemon with its output in {@code <name>.log}; returns the log. */
  private Path launch(String name, List<String> mainAndArgs, String heap) throws IOException {
    List<String> cmd = SparkSubmitJvm.java(heap, List.of(), classpath(), mainAndArgs.get(0));
    cmd.addAll(mainAndArgs.subList(1, mainAndArgs.size()));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    // what bin/load-spark-env.sh sets; the worker's executor command builder needs it
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
    processes.add(pb.start());
    logs.add(log);
    return log;
  }

  /** Waits until {@code log} has a line matching {@code line}; fails when its process exits or time runs out. */
  private Matcher await(Path log, Pattern line) throws IOException, InterruptedException {
    Process p = processes.get(logs.indexOf(log));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      Matcher m = line.matcher(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      if (m.find()) {
        return m;
      }
      if (!p.isAlive()) {
        throw new AssertionError(log.getFileName() + ": exited with " + p.exitValue() + " before '" + line + "':\n" + tail(log, 60));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(log.getFileName() + ": no '" + line + "' within " + START_SECONDS + " s:\n" + tail(log, 60));
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")\n";
    }
  }
}
