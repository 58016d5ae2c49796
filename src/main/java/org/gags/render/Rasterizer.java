package org.gags.render;

import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;

/**
 * The tiled EWA splat rasterizer (gsplat v1.4.0 classic), pure Java: {@link Projection} →
 * {@link TileBinning} → {@link Compositor}. {@link ReferenceRasterizer} is its slow twin.
 */
public final class Rasterizer {
  private Rasterizer() {}

  public static RenderResult render(
      GaussianCloud cloud, Camera camera, RenderRequest request, RenderSettings settings) {
    long t0 = System.nanoTime();
    ProjectedGaussians projected = Projection.project(cloud, camera, settings, request.rgb());
    long t1 = System.nanoTime();
    TileBins bins = TileBinning.bin(projected, settings.tileSize(), settings.threads());
    float[] channels = gaussianChannels(projected, request);
    Compositor.PackedSplats packed =
        Compositor.PackedSplats.pack(projected, bins.sortedGaussians(), channels, request.channelCount());
    long t2 = System.nanoTime();
    Compositor.Composite comp =
        Compositor.composite(bins, packed, camera.width(), camera.height(), settings, request.contributors());
    long t3 = System.nanoTime();
    RenderResult.Stats stats =
        new RenderResult.Stats(
            cloud.count(), bins.sortedGaussians().length, bins.intersections(), t1 - t0, t2 - t1, t3 - t2);
    return RenderResult.finish(
        camera.width(), camera.height(), request, comp.channels(), comp.transmittance(), comp.contributors(), stats);
  }

  /**
   * Renders any per-Gaussian feature matrix ({@code dim} floats per Gaussian, row-major) over a
   * zero background: F(p) = Σ α T f. Returns width·height·dim floats.
   */
  public static float[] renderFeatures(
      GaussianCloud cloud, Camera camera, float[] features, int dim, RenderSettings settings) {
    if (dim <= 0 || features.length != (long) cloud.count() * dim) {
      throw new IllegalArgumentException(
          "features must hold " + ((long) cloud.count() * dim) + " floats (" + cloud.count() + " Gaussians × "
              + dim + "), found " + features.length);
    }
    ProjectedGaussians projected = Projection.project(cloud, camera, settings, false);
    TileBins bins = TileBinning.bin(projected, settings.tileSize(), settings.threads());
    Compositor.PackedSplats packed = Compositor.PackedSplats.pack(projected, bins.sortedGaussians(), features, dim);
    return Compositor.composite(bins, packed, camera.width(), camera.height(), settings, false).channels();
  }

  /** Per-Gaussian channel rows (rgb then depth) in Gaussian order. */
  static float[] gaussianChannels(ProjectedGaussians p, RenderRequest request) {
    int c = request.channelCount();
    float[] out = new float[p.count() * c];
    for (int g = 0; g < p.count(); g++) {
      if (p.radius()[g] == 0) {
        continue;
      }
      int o = g * c;
      if (request.rgb()) {
        out[o] = p.rgb()[3 * g];
        out[o + 1] = p.rgb()[3 * g + 1];
        out[o + 2] = p.rgb()[3 * g + 2];
        o += 3;
      }
      if (request.depth()) {
        out[o] = p.depth()[g];
      }
    }
    return out;
  }
}
