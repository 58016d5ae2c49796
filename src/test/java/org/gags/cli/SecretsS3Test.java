package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.gags.config.Redaction;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.LocalS3;
import org.gags.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 secret handed to {@code gags run} in each of the four ways (--set, --spark-conf, a --conf
 * file, a JVM system property) is really used (the scenes are read from, and the tables written
 * to, a real S3 server that checks it), and is found nowhere afterwards: not in any object under
 * {@code --out} (run folder, commit markers, Parquet files with their footers and decoded values,
 * the failures table), not in what the command printed (stdout, stderr, its log at INFO), not in
 * what it left in its temp and working folders. Each run is a separate JVM started as a user
 * would, with a bad scene beside the good one so the error path is taken too. Refused arguments
 * next to the secret give errors without it.
 */
@Tag("spark")
class SecretsS3Test {
  static final String ACCESS_KEY = "AKIAGAGS" + hex(6);
  /** Random, and free of the words the redaction pattern looks for: only the key marks it as a secret. */
  static final String SECRET = "Gq" + hex(16);
  static final String BUCKET = "secrets";

  @TempDir static Path dir;
  static LocalS3 s3;

  @BeforeAll
  static void startS3AndUploadScenes() throws Exception {
    s3 = LocalS3.start(BUCKET, ACCESS_KEY, SECRET);
    Path good = dir.resolve("scenes/good");
    SampleScene.write(good, SynthConfig.DEFAULT.withViews(3).withSize(64, 48));
    Path broken = dir.resolve("scenes/broken");
    TestFiles.copyTree(good, broken);
    Files.write(broken.resolve("point_cloud.ply"), new byte[0]);
    s3.upload(dir.resolve("scenes"), "scenes");
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Test
  void aSecretGivenWithSetIsUsedAndNeverShown() throws Exception {
    List<String> args = new ArrayList<>();
    s3.hadoopSettings().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    String out = runAndSearch("set", List.of(), args);
    assertTrue(out.contains("fs.s3a.secret.key=" + Redaction.REPLACEMENT), "the manifest records it redacted: " + out);
  }

  @Test
  void aSecretGivenWithSparkConfIsUsedAndNeverShown() throws Exception {
    List<String> args = new ArrayList<>();
    s3.sparkSettings().forEach((k, v) -> args.addAll(List.of("--spark-conf", k + "=" + v)));
    String out = runAndSearch("spark-conf", List.of(), args);
    assertTrue(out.contains("spark.hadoop.fs.s3a.secret.key=" + Redaction.REPLACEMENT), out);
  }

  @Test
  void aSecretInAConfFileIsUsedAndNeverShown() throws Exception {
    StringBuilder file = new StringBuilder("# gags keys and Spark settings side by side\nprompt.seed = 7\n"
        + "spark.sql.shuffle.partitions = 3\n");
    // Both spellings: the fs.* shorthand and the full Spark name.
    s3.hadoopSettings().forEach((k, v) -> file.append(k.contains("secret") ? k : "spark.hadoop." + k)
        .append(" = ").append(v).append('\n'));
    Path conf = dir.resolve("s3.properties");
    Files.writeString(conf, file);
    String out = runAndSearch("conf-file", List.of(), List.of("--conf", conf.toString()));
    JsonNode settings = new ObjectMapper().readTree(out).get("spark_settings");
    assertEquals(Redaction.REPLACEMENT, settings.get("spark.hadoop.fs.s3a.secret.key").asText(), out);
    assertEquals("3", settings.get("spark.sql.shuffle.partitions").asText(), out);
  }

  @Test
  void aSecretInAJvmSystemPropertyIsUsedAndNeverShown() throws Exception {
    List<String> jvm = new ArrayList<>();
    s3.sparkSettings().forEach((k, v) -> jvm.add("-D" + k + "=" + v));
    runAndSearch("jvm", jvm, List.of());
  }

  @Test
  void refusedArgumentsNextToTheSecretNeverShowIt() throws IOException {
    Path out = dir.resolve("refused-out");
    Path colon = dir.resolve("colon.properties");
    Files.writeString(colon, "prompt.seed = 7\nfs.s3a.secret.key: " + SECRET + "\n");
    Path badValue = dir.resolve("bad-value.properties");
    Files.writeString(badValue, "fs.s3a.secret.key = " + SECRET + "\nprompt.mode = sideways\n");
    String key = "fs.s3a.secret.key=" + SECRET;
    String[][] cases = {
      {"--set", key, "--set", "prompt.seed=seven"},
      {"--spark-conf", "spark.hadoop." + key, "--spark-conf", SECRET},
      {"--spark-conf", key},
      {"--conf", badValue.toString()},
      {"--conf", colon.toString()},
      {"--set", "model.clip.image=s3a://" + ACCESS_KEY + ":" + SECRET + "@bucket/clip/image.onnx"},
      {"--spark-cof", "spark.hadoop." + key},
      {"-Dspark.hadoop." + key},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("run", "--scenes", dir.resolve("scenes").toString(), "--out",
          out.toString()));
      args.addAll(List.of(c));
      CliRunner.Run r = CliRunner.gags(args.toArray(String[]::new));
      String what = String.join(" ", c).replace(SECRET, "<secret>");
      assertEquals(2, r.code(), what + ": " + r.err().replace(SECRET, "<secret>"));
      assertFalse(r.err().isBlank(), what + ": an error is given");
      assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), what + " printed the secret: "
          + r.err().replace(SECRET, "<secret>"));
      assertFalse(r.err().contains(ACCESS_KEY), what + " printed the access key");
    }
    assertFalse(Files.exists(out), "refused runs make nothing");
  }

  /**
   * Runs {@code gags run --stages scan} in its own JVM over the good and the broken scene on S3,
   * into {@code s3a://BUCKET/out-<way>}, then searches everything for the keys.
   *
   * @return the run's manifest
   */
  private static String runAndSearch(String way, List<String> jvmArgs, List<String> args) throws Exception {
    Path work = Files.createDirectories(dir.resolve("run-" + way));
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    Path cwd = Files.createDirectories(work.resolve("cwd"));
    Path log4j = work.resolve("log4j2.properties");
    // The shipped logging, with every logger at INFO (Spark's own INFO lines included).
    String shipped = Files.readString(Path.of("conf/log4j2.properties"));
    assertTrue(shipped.contains("rootLogger.level = warn"), shipped);
    Files.writeString(log4j, shipped.replace("rootLogger.level = warn", "rootLogger.level = info"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A short run: C1 only and the serial collector start faster on two cores.
        "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp, "-Dlog4j2.configurationFile=" + log4j.toUri(), "-Dai.djl.offline=true"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "org.gags.cli.GagsCommand", "run", "--scenes", "s3a://" + BUCKET + "/scenes", "--out",
        "s3a://" + BUCKET + "/out-" + way, "--stages", "scan", "--set", "run.local_master=local[2]"));
    cmd.addAll(args);
    Path stdout = work.resolve("stdout.txt");
    Path stderr = work.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(way + ": gags run did not finish in 180 s; " + Files.readString(stderr));
    }
    String printed = Files.readString(stdout) + Files.readString(stderr);
    String shown = printed.replace(SECRET, "<SECRET>");
    assertEquals(1, p.exitValue(), way + ": the broken scene fails, the good one completes:\n" + shown);
    assertTrue(printed.contains("good") && printed.contains("computed scan"), shown);
    assertTrue(printed.contains("broken") && printed.contains("FAILED in scan"), shown);
    assertTrue(printed.contains(" INFO "), way + ": the log is at INFO");
    assertNoKey(way + " stdout/stderr", printed);

    Map<String, byte[]> objects = s3.objects("out-" + way);
    String manifest = null;
    int parquet = 0;
    int markers = 0;
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      String name = o.getKey();
      assertNoKey(way + " " + name, new String(o.getValue(), StandardCharsets.ISO_8859_1));
      if (name.endsWith(".parquet")) {
        assertNoKey(way + " " + name + " (decoded)", decodedParquet(o.getValue(), work.resolve("f" + parquet++ + ".parquet")));
      }
      markers += name.endsWith("/_gags_commit.json") ? 1 : 0;
      if (name.matches(".*/_gags/runs/[^/]+/manifest\\.json")) {
        manifest = new String(o.getValue(), StandardCharsets.UTF_8);
      }
    }
    assertTrue(objects.keySet().stream().anyMatch(k -> k.matches(".*/_gags/runs/[^/]+/config\\.properties")), "" + objects.keySet());
    assertTrue(manifest != null, "a manifest among " + objects.keySet());
    assertEquals(3, markers, "scenes and views of the good scene, and the failures table: " + objects.keySet());
    assertTrue(parquet >= 3, "Parquet files were searched: " + objects.keySet());
    assertTrue(objects.keySet().stream().anyMatch(k -> k.contains("/failures/")), "the failures table: " + objects.keySet());
    for (Path folder : List.of(tmp, cwd)) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertNoKey(way + " " + f, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return manifest;
  }

  /** A Parquet file's footer metadata, schema and every record, as text. */
  private static String decodedParquet(byte[] bytes, Path copy) throws IOException {
    Files.write(copy, bytes);
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(copy.toUri());
    StringBuilder sb = new StringBuilder();
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      FileMetaData meta = r.getFooter().getFileMetaData();
      sb.append(meta.getKeyValueMetaData()).append('\n').append(meta.getSchema()).append('\n');
    }
    try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        sb.append(g).append('\n');
      }
    }
    return sb.toString();
  }

  private static void assertNoKey(String where, String text) {
    for (String[] key : new String[][] {{SECRET, "<SECRET>"}, {ACCESS_KEY, "<ACCESS_KEY>"}}) {
      int at = text.indexOf(key[0]);
      if (at >= 0) {
        String around = text.substring(Math.max(0, at - 600), Math.min(text.length(), at + 300))
            .replace(SECRET, "<SECRET>").replace(ACCESS_KEY, "<ACCESS_KEY>");
        throw new AssertionError(where + " holds " + key[1] + ", here:\n" + around);
      }
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
