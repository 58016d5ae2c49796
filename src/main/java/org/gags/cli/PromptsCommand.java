package org.gags.cli;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.gags.io.ImageFiles;
import org.gags.prompt.MinDepthReference;
import org.gags.prompt.PromptConfig;
import org.gags.prompt.PromptOverlay;
import org.gags.prompt.PromptSampler;
import org.gags.prompt.PromptSeeds;
import org.gags.prompt.Prompts;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags prompts}: draws one view's SAM prompt points over its photo. */
@Command(
    name = "prompts",
    mixinStandardHelpOptions = true,
    description = {
      "Draws one view's SAM prompt points (granularity-aware or uniform grid) over its photo.",
      "Renders depth for every view, takes each Gaussian's minimum depth over the views, and "
          + "samples this view's prompts as the GAGS authors' code does: 8x8 patches, (trunc(4 "
          + "D/Dmin))^2 points per patch, placed where visible Gaussian centres project. Points are "
          + "coloured by points per patch side (blue 1 .. red 20); the patch grid is drawn faintly. "
          + "Single machine, all views in memory."
    })
final class PromptsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scene", required = true, description = "Scene folder (images/, sparse/0/, point_cloud PLY).")
  Path scene;

  @Option(names = "--view", required = true, description = "View: 0-based index in image-name order, or image name.")
  String view;

  @Option(names = "--out", required = true, description = "Output PNG file.")
  Path out;

  @Option(names = "--mode", defaultValue = "granularity-aware", converter = ModeConverter.class,
      description = "granularity-aware or uniform-grid (LangSplat's 32x32) (default: ${DEFAULT-VALUE}).")
  PromptConfig.Mode mode;

  @Option(names = "--density", defaultValue = "code", converter = DensityConverter.class,
      description = "code (the authors' code) or paper-text (the paper's Eq. 1 reading) (default: ${DEFAULT-VALUE}).")
  PromptConfig.Density density;

  @Option(names = "--seed", defaultValue = "42", description = "Base random seed; mixed with the scene folder name and view index (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "0", description = "Render threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  /** Turns a config name ("uniform-grid") into its enum, with the enum's own message for a bad one. */
  abstract static class ByName<T> implements CommandLine.ITypeConverter<T> {
    abstract T parse(String name);

    @Override
    public T convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ModeConverter extends ByName<PromptConfig.Mode> {
    @Override
    PromptConfig.Mode parse(String name) {
      return PromptConfig.Mode.fromName(name);
    }
  }

  static final class DensityConverter extends ByName<PromptConfig.Density> {
    @Override
    PromptConfig.Density parse(String name) {
      return PromptConfig.Density.fromName(name);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!out.getFileName().toString().toLowerCase().endsWith(".png")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": expected a .png file");
    }
    Scene s = SceneLoader.load(scene);
    View v = SceneViews.find(s, view, spec.commandLine());
    PromptConfig cfg = PromptConfig.GAGS.withMode(mode).withDensity(density).withSeed(seed);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC.withThreads(threads);
    List<Camera> cameras = new ArrayList<>();
    List<float[]> depths = new ArrayList<>();
    for (View each : s.views()) {
      cameras.add(each.camera());
      depths.add(Rasterizer.render(cloud, each.camera(), RenderRequest.depthOnly(), settings).depth());
    }
    MinDepthReference.Result minDepth = MinDepthReference.compute(cloud, cameras, depths, cfg.visibilityTolerance());
    Camera cam = v.camera();
    String sceneId = sceneId(s);
    Prompts prompts =
        PromptSampler.sample(depths.get(v.index()), minDepth.maps().get(v.index()).dense(), cam.width(), cam.height(), cfg,
            PromptSeeds.forView(cfg.seed(), sceneId, v.index()));
    BufferedImage photo = ImageIO.read(Path.of(URI.create(v.imageUri())).toFile());
    if (photo == null) {
      throw new IllegalStateException(v.imageUri() + ": not an image ImageIO can read");
    }
    ImageFiles.writePng(out, PromptOverlay.draw(photo, prompts));
    System.out.printf("%s: view %d (%s), %d prompts, %s -> %s%n",
        mode.configName(), v.index(), v.name(), prompts.count(), sides(prompts), out);
    return 0;
  }

  /** The scene id the seeds mix in: the scene folder's name. */
  private static String sceneId(Scene s) {
    Path name = s.root().toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }

  private static String sides(Prompts p) {
    if (p.patchSide().length == 0) {
      int g = (int) Math.round(Math.sqrt(p.count()));
      return "uniform " + g + "x" + g + " grid";
    }
    int min = Integer.MAX_VALUE, max = 0;
    for (int side : p.patchSide()) {
      min = Math.min(min, side);
      max = Math.max(max, side);
    }
    return "per-patch s " + min + ".." + max;
  }
}
