package org.gags.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.gags.config.ResolvedConfig;

/**
 * Scene files that live behind a Hadoop URI (hdfs://, s3a://, ...) are copied once per JVM into a
 * local cache folder and read from there by the plain-Java scene readers; local paths and
 * {@code file:} URIs are used where they are. A copy is complete only when its folder has been
 * renamed into place, so an interrupted copy is never used.
 */
public final class SceneStaging {
  private SceneStaging() {}

  /** True for URIs with a scheme other than {@code file}. */
  public static boolean isRemote(String uri) {
    return uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !uri.startsWith("file:");
  }

  /** A local path for a scene folder or file, staging it when it is remote. */
  public static synchronized Path local(String uri, Map<String, String> fsSettings) {
    if (!isRemote(uri)) {
      return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    }
    String key = ResolvedConfig.sha256(java.util.List.of(uri)).substring(0, 20);
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "gags-staging", key);
    String name = new org.apache.hadoop.fs.Path(uri).getName();
    Path target = cache.resolve(name);
    if (Files.exists(target)) {
      return target;
    }
    try {
      Files.createDirectories(cache);
      Path tmp = cache.resolve("." + name + "." + UUID.randomUUID());
      Configuration conf = hadoopConf(fsSettings);
      org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = src.getFileSystem(conf);
      if (!fs.exists(src)) {
        throw new IllegalArgumentException(uri + ": expected a scene file or folder there, found nothing");
      }
      FileUtil.copy(fs, src, new File(tmp.toString()), false, conf);
      Files.move(tmp, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + uri + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** The file-system settings ({@code fs.*}) of a Hadoop configuration, to ship to executors. */
  public static Map<String, String> fsSettings(Configuration conf) {
    Map<String, String> m = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      if (e.getKey().startsWith("fs.")) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  static Configuration hadoopConf(Map<String, String> fsSettings) {
    Configuration conf = new Configuration();
    fsSettings.forEach(conf::set);
    return conf;
  }
}
