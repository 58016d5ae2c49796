package org.gags.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Where every gags command gets its SparkSession. Under {@code spark-submit} the cluster's master
 * and settings (passed as {@code spark.*} system properties) are used unchanged. Run directly (the
 * {@code jobs/gags} launcher, tests), it starts an embedded {@code local[*]} Spark bound to the
 * loopback address, since this machine's hostname may resolve to an address Spark cannot bind.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** The session for a command; {@code localMaster} is used only when no master is configured. */
  public static SparkSession getOrCreate(String appName, String localMaster) {
    return getOrCreate(appName, localMaster, java.util.Map.of());
  }

  /** As above, with extra settings applied to local sessions only (tests turn the UI off). */
  public static SparkSession getOrCreate(String appName, String localMaster, java.util.Map<String, String> localSettings) {
    SparkConf conf = new SparkConf(true).setAppName(appName);
    if (!conf.contains("spark.master")) {
      localSettings.forEach(conf::setIfMissing);
    }
    if (!conf.contains("spark.master")) {
      conf.setMaster(localMaster);
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.showConsoleProgress", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** True when the session runs in an embedded local master. */
  public static boolean isLocal(SparkSession spark) {
    return spark.sparkContext().isLocal();
  }
}
