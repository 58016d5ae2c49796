package org.gags.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gags.io.ImageFiles;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.Scene;
import org.gags.scene.View;

/**
 * Renders every view of a scene (RGB PNG and expected-depth .npy) on Spark executors, one task per
 * group of views; each executor reads the PLY once ({@link ExecutorClouds}). Output paths must be
 * visible to the executors (a local folder in local mode, a shared mount on a cluster).
 */
public final class ViewRenderJob {
  private ViewRenderJob() {}

  /** One rendered view: what the driver gets back. */
  public record Rendered(int view, String name, int width, int height, int visible, double minDepth, double maxDepth, double millis)
      implements Serializable {}

  public static List<Rendered> run(SparkSession spark, Scene scene, Path outDir, int tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<View> views = scene.views();
    String ply = scene.plyFile().toAbsolutePath().toString();
    String out = outDir.toAbsolutePath().toString();
    jsc.setJobDescription("render " + views.size() + " views of " + scene.root().getFileName());
    JavaRDD<View> rdd = jsc.parallelize(views, Math.max(1, Math.min(tasks, views.size())));
    List<Rendered> rendered = rdd.mapPartitions((Iterator<View> it) -> renderAll(it, ply, out)).collect();
    jsc.setJobDescription(null);
    return rendered;
  }

  private static Iterator<Rendered> renderAll(Iterator<View> views, String ply, String out) throws Exception {
    GaussianCloud cloud = ExecutorClouds.get(ply);
    // One task renders single-threaded: Spark runs one task per core.
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC.withThreads(1);
    List<Rendered> result = new ArrayList<>();
    while (views.hasNext()) {
      View v = views.next();
      long t0 = System.nanoTime();
      RenderResult r = Rasterizer.render(cloud, v.camera(), RenderRequest.rgb(new float[] {0, 0, 0}).withDepth(), settings);
      String stem = v.name().replaceFirst("\\.[^.]+$", "");
      ImageFiles.writePng(Path.of(out, stem + ".png"), ImageFiles.rgbImage(r.rgb(), r.width(), r.height()));
      Npy.writeFloat32(Path.of(out, stem + ".depth.npy"), r.depth(), r.height(), r.width());
      double lo = Double.POSITIVE_INFINITY, hi = 0;
      for (int p = 0; p < r.depth().length; p++) {
        if (r.alpha()[p] > 0.5f) {
          lo = Math.min(lo, r.depth()[p]);
          hi = Math.max(hi, r.depth()[p]);
        }
      }
      result.add(new Rendered(v.index(), v.name(), r.width(), r.height(), r.stats().visible(), lo, hi,
          (System.nanoTime() - t0) / 1e6));
    }
    return result.iterator();
  }
}
