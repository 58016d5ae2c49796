package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.ResolvedConfig;
import org.gags.spark.SceneStaging;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.LocalS3;
import org.gags.testing.SparkTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenes read from, and tables written to, s3a:// on a real S3 protocol server (s3proxy, in this
 * JVM, on 127.0.0.1 with an ephemeral port and an in-memory store): the same prompts as a local run.
 */
class RemoteScenesS3Test extends SparkTestBase {
  @TempDir static Path dir;
  static LocalS3 s3server;

  @BeforeAll
  static void start() throws Exception {
    s3server = LocalS3.start("bucket", "gags", "gags-secret");
    startSpark("RemoteScenesS3Test", s3server.sparkSettings());
  }

  @AfterAll
  static void stop() throws Exception {
    s3server.close();
  }

  @Test
  void aSceneOnS3RunsLikeTheSameSceneOnDisk() throws Exception {
    Path local = dir.resolve("scenes/tabletop");
    SampleScene.write(local, SynthConfig.DEFAULT.withViews(4).withSize(96, 72));
    FileSystem s3 = FileSystem.get(URI.create("s3a://bucket/"), spark.sparkContext().hadoopConfiguration());
    s3.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("s3a://bucket/scenes/tabletop"));

    Map<String, String> fs = SceneStaging.fsSettings(spark.sparkContext().hadoopConfiguration());
    List<SceneRef> remote = SceneInputs.resolve(List.of("s3a://bucket/scenes"), fs);
    assertEquals(List.of(new SceneRef("tabletop", "s3a://bucket/scenes/tabletop")), remote);

    RunContext s3ctx = new RunContext(spark, new TableStore("s3a://bucket/out", spark.sparkContext().hadoopConfiguration()),
        ResolvedConfig.defaults(), "s3", "test");
    RunReport r = new Pipeline(s3ctx).run(remote, Set.copyOf(Stages.withoutModels()), false);
    assertTrue(r.failures().isEmpty(), String.valueOf(r.failures()));
    assertTrue(s3.exists(new org.apache.hadoop.fs.Path("s3a://bucket/out/prompts/scene_id=tabletop/_gags_commit.json")));

    RunContext diskCtx = new RunContext(spark, new TableStore(dir.resolve("out").toString(),
        spark.sparkContext().hadoopConfiguration()), ResolvedConfig.defaults(), "disk", "test");
    new Pipeline(diskCtx).run(List.of(new SceneRef("tabletop", local.toString())), Set.copyOf(Stages.withoutModels()), false);

    List<Row> fromS3 = s3ctx.store().read(spark, Tables.PROMPTS, "tabletop").orderBy("view_index").collectAsList();
    List<Row> fromDisk = diskCtx.store().read(spark, Tables.PROMPTS, "tabletop").orderBy("view_index").collectAsList();
    assertEquals(4, fromS3.size());
    for (int i = 0; i < fromS3.size(); i++) {
      assertEquals(fromDisk.get(i).getList(7), fromS3.get(i).getList(7), "x of view " + i);
      assertEquals(fromDisk.get(i).getList(8), fromS3.get(i).getList(8), "y of view " + i);
    }
    Row view = s3ctx.store().read(spark, Tables.VIEWS, "tabletop").orderBy("view_index").first();
    assertEquals("s3a://bucket/scenes/tabletop/images/frame_00001.png", view.getString(view.fieldIndex("image_uri")));
    Row depthS3 = s3ctx.store().read(spark, Tables.DEPTH, "tabletop").orderBy("view_index").first();
    Row depthDisk = diskCtx.store().read(spark, Tables.DEPTH, "tabletop").orderBy("view_index").first();
    assertArrayEquals((byte[]) depthDisk.get(3), (byte[]) depthS3.get(3));
  }
}
