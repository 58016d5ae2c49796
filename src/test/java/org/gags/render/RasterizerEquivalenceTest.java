package org.gags.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.synth.RandomScene;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** The tiled rasterizer against its per-pixel reference twin on random scenes (fixed seeds). */
@Tag("unit")
class RasterizerEquivalenceTest {

  static Stream<Arguments> scenes() {
    return Stream.of(
        Arguments.of(1L, 0, 61, 47, 0.02),
        Arguments.of(2L, 1, 64, 48, 0.01),
        Arguments.of(3L, 2, 33, 70, 0.03),
        Arguments.of(4L, 3, 80, 40, 0.005),
        Arguments.of(5L, 3, 17, 17, 0.05));
  }

  @ParameterizedTest(name = "seed {0}, SH degree {1}, {2}x{3}")
  @MethodSource("scenes")
  void tiledEqualsReferenceExactly(long seed, int degree, int width, int height, double minScale) {
    GaussianCloud cloud = RandomScene.cloud(seed, 400, degree, 1.0, minScale);
    Camera camera = RandomScene.camera(width, height);
    RenderRequest request = RenderRequest.rgb(new float[] {0.2f, 0.5f, 0.9f}).withDepth().withContributors();
    RenderResult fast = Rasterizer.render(cloud, camera, request, RenderSettings.GSPLAT_CLASSIC.withThreads(3));
    RenderResult slow = ReferenceRasterizer.render(cloud, camera, request, RenderSettings.GSPLAT_CLASSIC);

    assertTrue(fast.stats().visible() > 100, "scene should show most Gaussians");
    assertEquals(slow.stats().visible(), fast.stats().visible());
    assertArrayEquals(slow.rgb(), fast.rgb());
    assertArrayEquals(slow.alpha(), fast.alpha());
    assertArrayEquals(slow.depth(), fast.depth());
    assertArrayEquals(slow.contributors().pixelStart(), fast.contributors().pixelStart());
    assertArrayEquals(slow.contributors().gaussians(), fast.contributors().gaussians());
    assertArrayEquals(slow.contributors().weights(), fast.contributors().weights());
    assertTrue(fast.contributors().entries() > width * height, "most pixels should have contributors");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("scenes")
  void threadCountDoesNotChangeTheImage(long seed, int degree, int width, int height, double minScale) {
    GaussianCloud cloud = RandomScene.cloud(seed, 400, degree, 1.0, minScale);
    Camera camera = RandomScene.camera(width, height);
    RenderRequest request = RenderRequest.rgb(null).withDepth();
    RenderResult one = Rasterizer.render(cloud, camera, request, RenderSettings.GSPLAT_CLASSIC.withThreads(1));
    RenderResult many = Rasterizer.render(cloud, camera, request, RenderSettings.GSPLAT_CLASSIC.withThreads(4));
    assertArrayEquals(one.rgb(), many.rgb());
    assertArrayEquals(one.depth(), many.depth());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("scenes")
  void contributorListsReproduceTheRenderedImage(long seed, int degree, int width, int height, double minScale) {
    GaussianCloud cloud = RandomScene.cloud(seed, 400, degree, 1.0, minScale);
    Camera camera = RandomScene.camera(width, height);
    RenderResult r =
        Rasterizer.render(cloud, camera, RenderRequest.rgb(null).withDepth().withContributors(), RenderSettings.GSPLAT_CLASSIC);
    ProjectedGaussians p = Projection.project(cloud, camera, RenderSettings.GSPLAT_CLASSIC, true);

    // Colours through the sparse map equal the composited image (black background), bit for bit.
    float[] viaLists = r.contributors().render(p.rgb(), 3);
    assertArrayEquals(r.rgb(), viaLists);
    // The feature path of the rasterizer agrees with the lists too.
    float[] features = new float[cloud.count() * 5];
    for (int i = 0; i < features.length; i++) {
      features[i] = (float) Math.sin(0.37 * i);
    }
    assertArrayEquals(r.contributors().render(features, 5),
        Rasterizer.renderFeatures(cloud, camera, features, 5, RenderSettings.GSPLAT_CLASSIC));
    // Weights sum to alpha (up to float rounding of the running product).
    for (int px = 0; px < width * height; px++) {
      float sum = 0;
      for (int e = r.contributors().pixelStart()[px]; e < r.contributors().pixelStart()[px + 1]; e++) {
        sum += r.contributors().weights()[e];
      }
      assertEquals(r.alpha()[px], sum, 1e-5f, "pixel " + px);
    }
  }
}
