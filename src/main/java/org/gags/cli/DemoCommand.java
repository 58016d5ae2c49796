package org.gags.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.gags.io.ImageFiles;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelReader;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.spark.SparkSessions;
import org.gags.spark.ViewRenderJob;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags demo}: the whole pipeline, as far as it exists, on the bundled sample scene. Today:
 * generate the scene, load it back through the scene readers, render depth and RGB for every view
 * on Spark (embedded local[*], or the cluster under spark-submit), and check the renders against
 * the photos.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline on the bundled sample scene.",
      "Generates the scene under OUT/scene, loads it back (PLY, COLMAP, labels), renders RGB and",
      "expected depth for every view on Spark under OUT/renders, and prints what was made."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/sample", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Sample-scene seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "0", description = "Threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Path sceneDir = out.resolve("scene");
    SampleScene.Summary made = SampleScene.write(sceneDir, SynthConfig.DEFAULT.withSeed(seed).withThreads(threads));
    System.out.printf("1/3 synth   %s: %,d Gaussians, %d views, %d labelled views (%d label objects) [%.1f s]%n",
        sceneDir, made.gaussians(), made.views(), made.labelledViews(), made.labelObjects(), secondsSince(t0));

    long t1 = System.nanoTime();
    Scene scene = SceneLoader.load(sceneDir);
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    int labelObjects = 0;
    for (Path label : scene.labelFiles().values()) {
      labelObjects += LabelReader.read(label).objects().size();
    }
    System.out.printf("2/3 load    %d views, %,d Gaussians (SH degree %d), %d label files with %d objects [%.1f s]%n",
        scene.views().size(), cloud.count(), cloud.shDegree(), scene.labelFiles().size(), labelObjects, secondsSince(t1));

    long t2 = System.nanoTime();
    Path renders = out.resolve("renders");
    SparkSession spark = SparkSessions.getOrCreate("gags demo", "local[*]");
    List<ViewRenderJob.Rendered> rendered;
    try {
      rendered = ViewRenderJob.run(spark, scene, renders, spark.sparkContext().defaultParallelism() * 2);
    } finally {
      if (SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
    double worstPsnr = Double.POSITIVE_INFINITY;
    double minDepth = Double.POSITIVE_INFINITY;
    double maxDepth = 0;
    for (ViewRenderJob.Rendered r : rendered) {
      String stem = r.name().replaceFirst("\\.[^.]+$", "");
      float[] photo = ImageFiles.readRgb(ImageIO.read(sceneDir.resolve("images").resolve(r.name()).toFile()));
      float[] render = ImageFiles.readRgb(ImageIO.read(renders.resolve(stem + ".png").toFile()));
      worstPsnr = Math.min(worstPsnr, psnr(photo, render));
      minDepth = Math.min(minDepth, r.minDepth());
      maxDepth = Math.max(maxDepth, r.maxDepth());
    }
    System.out.printf("3/3 render  %d views on Spark %s -> %s (RGB .png, expected depth .npy); depth %.2f..%.2f;"
            + " render vs photo PSNR >= %.1f dB [%.1f s]%n",
        rendered.size(), spark.sparkContext().master(), renders, minDepth, maxDepth, worstPsnr, secondsSince(t2));
    System.out.printf("done in %.1f s. Next stages (prompts, SAM, CLIP, distillation, evaluation) are not built yet.%n",
        secondsSince(t0));
    return 0;
  }

  static double psnr(float[] a, float[] b) {
    double se = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - Math.min(1f, Math.max(0f, b[i]));
      se += d * d;
    }
    double mse = se / a.length;
    return mse == 0 ? 99.0 : 10 * Math.log10(1.0 / mse);
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
