package org.gags.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.gags.io.Hashes;
import org.gags.model.ModelException;

/**
 * Model files named by config: a local path or a Hadoop URI (s3a://, hdfs://). Executors get a
 * local copy once per JVM ({@link SceneStaging}); the driver hashes each file once per JVM so that
 * a model's content, not just its name, is part of the spec id and the stage hash.
 */
public final class ModelFiles {
  private static final Map<String, String> SHA = new ConcurrentHashMap<>();

  private ModelFiles() {}

  /** A local path for the model, copying it once per JVM when it is remote. */
  public static Path local(String uri, Map<String, String> fsSettings) {
    return SceneStaging.local(uri, fsSettings);
  }

  /** sha256 (hex) of a model file, read through Hadoop for remote URIs. */
  public static String sha256(String uri, Map<String, String> fsSettings) {
    return SHA.computeIfAbsent(uri, u -> compute(u, fsSettings));
  }

  /** {@code name@sha12}: how a model file appears in a spec id. */
  public static String idPart(String uri, Map<String, String> fsSettings) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    return name + "@" + sha256(uri, fsSettings).substring(0, 12);
  }

  private static String compute(String uri, Map<String, String> fsSettings) {
    try (InputStream in = open(uri, fsSettings)) {
      return Hashes.sha256(in);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read model file: " + e.getMessage(), e);
    }
  }

  private static InputStream open(String uri, Map<String, String> fsSettings) throws IOException {
    if (!SceneStaging.isRemote(uri)) {
      Path p = uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
      if (!Files.isRegularFile(p)) {
        throw new ModelException(uri + ": expected a model file, found " + (Files.exists(p) ? "a folder" : "no such file"));
      }
      return Files.newInputStream(p);
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = p.getFileSystem(SceneStaging.hadoopConf(fsSettings));
    if (!fs.exists(p)) {
      throw new ModelException(uri + ": expected a model file, found nothing there");
    }
    return fs.open(p);
  }

  /** Bytes of an image (or any file) at a local path or Hadoop URI. */
  public static byte[] readBytes(String uri, Map<String, String> fsSettings) throws IOException {
    if (!SceneStaging.isRemote(uri)) {
      Path p = uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
      return Files.readAllBytes(p);
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = p.getFileSystem(SceneStaging.hadoopConf(fsSettings));
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }
}
