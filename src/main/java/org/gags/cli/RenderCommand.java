package org.gags.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.io.ImageFiles;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags render}: renders one view of a scene. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Renders one view of a scene (rgb, depth or alpha).",
      "Uses the splat rasterizer with gsplat v1.4.0 classic constants. rgb and alpha are "
          + "written as PNG; depth (expected depth, camera z) as .npy float32 of shape (H, W)."
    })
final class RenderCommand implements Callable<Integer> {
  enum Mode { rgb, depth, alpha }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scene", required = true, description = "Scene folder (images/, sparse/0/, point_cloud PLY).")
  Path scene;

  @Option(names = "--view", required = true, description = "View: 0-based index in image-name order, or image name.")
  String view;

  @Option(names = "--mode", defaultValue = "rgb", description = "rgb, depth or alpha (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--out", required = true, description = "Output file (.png for rgb/alpha, .npy for depth).")
  Path out;

  @Option(names = "--background", defaultValue = "0,0,0", split = ",",
      description = "RGB background in 0..1 for rgb mode (default: ${DEFAULT-VALUE}).")
  float[] background;

  @Option(names = "--threads", defaultValue = "0", description = "Render threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    String name = out.getFileName().toString().toLowerCase();
    boolean wantsNpy = mode == Mode.depth;
    if (wantsNpy != name.endsWith(".npy") || (!wantsNpy && !name.endsWith(".png"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--out " + out + ": mode " + mode + " writes " + (wantsNpy ? ".npy" : ".png") + " files");
    }
    if (background.length != 3) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--background: expected 3 comma-separated values, found " + background.length);
    }
    Scene s = SceneLoader.load(scene);
    View v = SceneViews.find(s, view, spec.commandLine());
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    RenderRequest request =
        switch (mode) {
          case rgb -> RenderRequest.rgb(background);
          case depth -> RenderRequest.depthOnly();
          case alpha -> RenderRequest.alphaOnly();
        };
    RenderResult r = Rasterizer.render(cloud, v.camera(), request, RenderSettings.GSPLAT_CLASSIC.withThreads(threads));
    switch (mode) {
      case rgb -> ImageFiles.writePng(out, ImageFiles.rgbImage(r.rgb(), r.width(), r.height()));
      case alpha -> ImageFiles.writePng(out, ImageFiles.grayImage(r.alpha(), r.width(), r.height()));
      case depth -> Npy.writeFloat32(out, r.depth(), r.height(), r.width());
    }
    System.out.printf("%s: view %d (%s), %dx%d, %,d of %,d Gaussians visible, %.0f ms -> %s%n",
        mode, v.index(), v.name(), r.width(), r.height(), r.stats().visible(), r.stats().gaussians(),
        r.stats().totalNanos() / 1e6, out);
    return 0;
  }
}
