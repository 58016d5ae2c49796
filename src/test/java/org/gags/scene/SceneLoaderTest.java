package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class SceneLoaderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "binary COLMAP: {0}")
  @ValueSource(booleans = {false, true})
  void buildsViewsInImageNameOrder(boolean binary) throws IOException {
    Path root = TestScenes.build(dir.resolve("scene"), binary);
    Scene scene = SceneLoader.load(root);

    assertEquals(root, scene.root());
    assertEquals(root.resolve("point_cloud.ply"), scene.plyFile());
    assertEquals(Map.of("frame_00002", root.resolve("label/frame_00002.json")), scene.labelFiles());
    List<View> views = scene.views();
    assertEquals(
        List.of("frame_00001.jpg", "frame_00002.png", "frame_00003.png", "frame_00004.png"),
        views.stream().map(View::name).toList());
    for (int i = 0; i < views.size(); i++) {
      View view = views.get(i);
      assertEquals(i, view.index());
      assertEquals(
          root.resolve("images").resolve(view.name()).toAbsolutePath(),
          Path.of(URI.create(view.imageUri())));
      ColmapImage image =
          TestScenes.IMAGES.stream()
              .filter(m -> m.name().equals(view.name()))
              .findFirst()
              .orElseThrow();
      assertArrayEquals(
          Camera.rotationFromQuaternion(image.qw(), image.qx(), image.qy(), image.qz()),
          view.camera().rotation());
      assertArrayEquals(
          new double[] {image.tx(), image.ty(), image.tz()}, view.camera().translation());
    }

    Camera simple = views.get(0).camera();
    assertIntrinsics(simple, 5.0, 5.0, 3.0, 2.0, 6, 4);
    Camera pinhole = views.get(1).camera();
    assertIntrinsics(pinhole, 7.5, 8.5, 4.0, 3.0, 8, 6);
  }

  @Test
  void colmapPolicyKeepsTheCalibratedPrincipalPoint() throws IOException {
    Path root = TestScenes.build(dir.resolve("scene"), false);
    Scene scene = SceneLoader.load(root, PrincipalPoint.COLMAP);
    assertIntrinsics(scene.views().get(0).camera(), 5.0, 5.0, 2.5, 1.5, 6, 4);
    assertIntrinsics(scene.views().get(1).camera(), 7.5, 8.5, 3.25, 2.75, 8, 6);
  }

  @Test
  void simpleRadialUsesItsFocalLengthAndIgnoresDistortion() throws IOException {
    Path root = TestScenes.build(dir.resolve("scene"), false);
    Files.writeString(
        root.resolve("sparse/0/cameras.txt"),
        "1 SIMPLE_RADIAL 8 6 9.5 3.5 2.5 0.25\n2 SIMPLE_RADIAL 6 4 4 3 2 -0.1\n");
    Scene scene = SceneLoader.load(root, PrincipalPoint.COLMAP);
    assertIntrinsics(scene.views().get(1).camera(), 9.5, 9.5, 3.5, 2.5, 8, 6);
  }

  @Test
  void picksTheHighestInriaIterationNumerically() throws IOException {
    Path root = TestScenes.build(dir.resolve("scene"), true);
    Path cloud = root.resolve("point_cloud.ply");
    for (String iteration : List.of("iteration_7000", "iteration_30000", "iteration_900")) {
      Files.copy(
          cloud,
          Files.createDirectories(root.resolve("point_cloud").resolve(iteration))
              .resolve("point_cloud.ply"));
    }
    Files.createDirectories(root.resolve("point_cloud/iteration_40000"));
    Files.createDirectories(root.resolve("point_cloud/iteration_old"));
    Files.copy(cloud, root.resolve("point_cloud/iteration_old/point_cloud.ply"));
    assertEquals(cloud, SceneLoader.load(root).plyFile(), "a top-level point_cloud.ply wins");

    Files.delete(cloud);
    assertEquals(
        root.resolve("point_cloud/iteration_30000/point_cloud.ply"),
        SceneLoader.load(root).plyFile());
  }

  @Test
  void aSceneWithoutLabelsHasNoLabelFiles() throws IOException {
    Path root = TestScenes.build(dir.resolve("scene"), false);
    Files.delete(root.resolve("label/frame_00002.json"));
    Files.writeString(root.resolve("label/readme.txt"), "not a label");
    assertEquals(Map.of(), SceneLoader.load(root).labelFiles());
  }

  private static void assertIntrinsics(
      Camera c, double fx, double fy, double cx, double cy, int w, int h) {
    assertArrayEquals(
        new double[] {fx, fy, cx, cy, w, h},
        new double[] {c.fx(), c.fy(), c.cx(), c.cy(), c.width(), c.height()});
  }
}
