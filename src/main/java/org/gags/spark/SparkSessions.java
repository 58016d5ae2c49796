package org.gags.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.gags.config.SparkSettings;
import org.gags.store.ForklessLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every gags command gets its SparkSession. Under {@code spark-submit} the cluster's master
 * and settings (passed as {@code spark.*} system properties) are used. Run directly (the
 * {@code jobs/gags} launcher, tests), it starts an embedded {@code local[*]} Spark bound to the
 * loopback address, since this machine's hostname may resolve to an address Spark cannot bind.
 *
 * <p>A user's Spark settings ({@code --conf} file, {@code --set}, {@code --spark-conf}) are
 * merged into the JVM's Spark configuration: a key the JVM already sets (spark-submit's
 * {@code --conf} and {@code --properties-file}, or {@code -Dspark.*} in the JVM options) keeps the
 * JVM's value, with a warning that names the key (never the value); every other key is added.
 *
 * <p>{@code file://} paths go through {@link ForklessLocalFileSystem} (Hadoop's local file system
 * without a forked {@code chmod} per file) unless {@code fs.file.impl} is set.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /** The session for a command; {@code localMaster} is used only when no master is configured. */
  public static SparkSession getOrCreate(String appName, String localMaster) {
    return getOrCreate(appName, localMaster, Map.of());
  }

  /** As above, with extra settings applied to local sessions only (tests turn the UI off). */
  public static SparkSession getOrCreate(String appName, String localMaster, Map<String, String> localSettings) {
    return getOrCreate(appName, localMaster, localSettings, SparkSettings.NONE);
  }

  /** As above, with the user's Spark settings merged in (the JVM's own settings win). */
  public static SparkSession getOrCreate(String appName, String localMaster, Map<String, String> localSettings,
      SparkSettings user) {
    return SparkSession.builder().config(conf(appName, localMaster, localSettings, user)).getOrCreate();
  }

  /** The configuration {@link #getOrCreate} starts a session with. */
  static SparkConf conf(String appName, String localMaster, Map<String, String> localSettings, SparkSettings user) {
    SparkConf conf = new SparkConf(true).setAppName(appName);
    boolean submitted = conf.contains("spark.master");
    user.values().forEach((key, value) -> {
      if (conf.contains(key) && !conf.get(key).equals(value)) {
        LOG.warn("Spark setting {}: the JVM's Spark configuration (spark-submit, or -D{} in the JVM options) sets it"
            + " and wins; the value given to gags is not used", key, key);
      }
      conf.setIfMissing(key, value);
    });
    conf.setIfMissing("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
    if (!submitted) {
      localSettings.forEach(conf::setIfMissing);
      conf.setIfMissing("spark.master", localMaster);
      if (conf.get("spark.master").startsWith("local")) {
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
      }
    }
    return conf;
  }

  /** True when the session runs in an embedded local master. */
  public static boolean isLocal(SparkSession spark) {
    return spark.sparkContext().isLocal();
  }
}
