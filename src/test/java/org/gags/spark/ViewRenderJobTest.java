package org.gags.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering views on a real Spark local[2]: same pixels as the plain renderer, PLY read once per JVM. */
class ViewRenderJobTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.getOrCreate("ViewRenderJobTest", "local[2]", Map.of("spark.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void rendersEveryViewOnExecutorsAndMatchesTheLocalRenderer() throws IOException {
    Path root = dir.resolve("scene");
    SampleScene.write(root, SynthConfig.DEFAULT.withViews(6).withSize(96, 72));
    Scene scene = SceneLoader.load(root);
    long readsBefore = ExecutorClouds.reads();

    List<ViewRenderJob.Rendered> out = ViewRenderJob.run(spark, scene, dir.resolve("renders"), 3);

    assertEquals("local[2]", spark.sparkContext().master());
    assertEquals(6, out.size());
    // Three tasks, one executor JVM: the PLY was read once, not once per task.
    assertEquals(1, ExecutorClouds.reads() - readsBefore);
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    for (ViewRenderJob.Rendered r : out.stream().sorted(Comparator.comparingInt(ViewRenderJob.Rendered::view)).toList()) {
      float[] depth = Npy.read(dir.resolve("renders").resolve(r.name().replace(".png", ".depth.npy"))).values();
      float[] expected = Rasterizer.render(cloud, scene.views().get(r.view()).camera(), RenderRequest.depthOnly(),
          RenderSettings.GSPLAT_CLASSIC).depth();
      assertArrayEquals(expected, depth, r.name());
    }
  }
}
