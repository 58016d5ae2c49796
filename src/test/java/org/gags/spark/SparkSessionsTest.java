package org.gags.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.gags.config.SparkSettings;
import org.gags.store.ForklessLocalFileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The user's Spark settings reach a real session and its Hadoop configuration; the JVM's own settings win. */
@Tag("spark")
class SparkSessionsTest {
  @Test
  void userSettingsArriveInTheSessionAndItsHadoopConfiguration() throws IOException {
    SparkSettings user = SparkSettings.NONE.with("spark.sql.shuffle.partitions", "3")
        .with("fs.s3a.endpoint", "http://127.0.0.1:9")
        .with("spark.hadoop.fs.s3a.connection.maximum", "7");
    SparkSession spark = SparkSessions.getOrCreate("SparkSessionsTest", "local[2]", Map.of("spark.ui.enabled", "false"),
        user);
    try {
      assertEquals("local[2]", spark.sparkContext().master());
      assertEquals("3", spark.conf().get("spark.sql.shuffle.partitions"));
      assertEquals(3, spark.sessionState().conf().numShufflePartitions());
      assertEquals("http://127.0.0.1:9", spark.sparkContext().hadoopConfiguration().get("fs.s3a.endpoint"));
      assertEquals("7", spark.sparkContext().hadoopConfiguration().get("fs.s3a.connection.maximum"));
      assertEquals("127.0.0.1", spark.conf().get("spark.driver.host"), "local defaults still apply");
      try (FileSystem local = FileSystem.newInstance(URI.create("file:///"), spark.sparkContext().hadoopConfiguration())) {
        assertInstanceOf(ForklessLocalFileSystem.class, local, "file:// sets permissions without forking chmod");
      }
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  @Test
  void aUsersLocalFileSystemWins() {
    assertEquals(ForklessLocalFileSystem.class.getName(),
        SparkSessions.conf("t", "local[1]", Map.of(), SparkSettings.NONE).get("spark.hadoop.fs.file.impl"));
    assertEquals("org.apache.hadoop.fs.LocalFileSystem", SparkSessions.conf("t", "local[1]", Map.of(),
        SparkSettings.NONE.with("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem")).get("spark.hadoop.fs.file.impl"));
  }

  @Test
  void theJvmsSparkConfigurationWinsOverTheUsersAndTheRestIsMerged() {
    System.setProperty("spark.sql.shuffle.partitions", "5");
    try {
      SparkConf conf = SparkSessions.conf("t", "local[1]", Map.of(), SparkSettings.NONE
          .with("spark.sql.shuffle.partitions", "3").with("spark.sql.files.maxPartitionBytes", "1m"));
      assertEquals("5", conf.get("spark.sql.shuffle.partitions"));
      assertEquals("1m", conf.get("spark.sql.files.maxPartitionBytes"));
      assertEquals("local[1]", conf.get("spark.master"));
    } finally {
      System.clearProperty("spark.sql.shuffle.partitions");
    }
  }
}
