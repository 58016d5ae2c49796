package org.gags.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class SceneLoaderErrorsTest {
  @TempDir Path dir;

  private Path scene() throws IOException {
    return TestScenes.build(dir.resolve("scene"), false);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void refusesAMissingSceneFolder() {
    Path missing = dir.resolve("nowhere");
    FormatErrors.expect(
        () -> SceneLoader.load(missing), missing.toString(), "a folder", "nothing there");
  }

  @Test
  void namesAMissingImagesFolder() throws IOException {
    Path root = scene();
    deleteTree(root.resolve("images"));
    FormatErrors.expect(
        () -> SceneLoader.load(root), root.resolve("images").toString(), "a folder images/");
  }

  @Test
  void namesAMissingSparseFolder() throws IOException {
    Path root = scene();
    deleteTree(root.resolve("sparse/0"));
    FormatErrors.expect(
        () -> SceneLoader.load(root), root.resolve("sparse/0").toString(), "a folder sparse/0/");
  }

  @Test
  void namesTheMissingPly() throws IOException {
    Path root = scene();
    Files.delete(root.resolve("point_cloud.ply"));
    Files.createDirectories(root.resolve("point_cloud/iteration_30000"));
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        root.toString(),
        "point_cloud.ply or point_cloud/iteration_N/point_cloud.ply",
        "neither");
  }

  @Test
  void namesAMissingImage() throws IOException {
    Path root = scene();
    Files.delete(root.resolve("images/frame_00004.png"));
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        root.resolve("images/frame_00004.png").toString(),
        "image 5 of sparse/0/images.txt",
        "nothing there");
  }

  @Test
  void reportsAnImageOfTheWrongSize() throws IOException {
    Path root = scene();
    TestScenes.writeImage(root.resolve("images/frame_00003.png"), 4, 3);
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        "images/frame_00003.png: image size: expected 8x6 (camera 1 in sparse/0/cameras.txt), found"
            + " 4x3");
  }

  @Test
  void refusesAFileThatIsNoImage() throws IOException {
    Path root = scene();
    Files.writeString(root.resolve("images/frame_00002.png"), "not an image");
    FormatErrors.expect(
        () -> SceneLoader.load(root), "images/frame_00002.png", "an unrecognised format");
  }

  @Test
  void refusesUnsupportedCameraModelsNamingModelCameraAndFile() throws IOException {
    Path root = scene();
    Files.writeString(
        root.resolve("sparse/0/cameras.txt"),
        "1 OPENCV 8 6 7 7 4 3 0.1 0.01 0 0\n2 SIMPLE_PINHOLE 6 4 5 3 2\n");
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        root.resolve("sparse/0/cameras.txt").toString(),
        "camera 1 (used by frame_00002.png)",
        "SIMPLE_PINHOLE, PINHOLE or SIMPLE_RADIAL",
        "found OPENCV");
  }

  @Test
  void refusesNonFiniteOrNonPositiveCameraValues() throws IOException {
    Path root = scene();
    Path cameras = root.resolve("sparse/0/cameras.txt");
    Files.writeString(cameras, "1 PINHOLE 8 6 7 Infinity 4 3\n2 SIMPLE_PINHOLE 6 4 5 3 2\n");
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        cameras.toString(),
        "line 1, camera 1, params[1]",
        "Infinity");
    Files.writeString(cameras, "1 PINHOLE 8 6 7 -7 4 3\n2 SIMPLE_PINHOLE 6 4 5 3 2\n");
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        cameras.toString(),
        "camera 1",
        "focal lengths > 0",
        "fy=-7.0");
  }

  @Test
  void refusesAZeroQuaternion() throws IOException {
    Path root = scene();
    Path images = root.resolve("sparse/0/images.txt");
    Files.writeString(
        images, Files.readString(images).replace("9 0.7 0.0 0.7 0.0", "9 0.0 0.0 0.0 0.0"));
    FormatErrors.expect(
        () -> SceneLoader.load(root),
        images.toString(),
        "image 9 (frame_00002.png)",
        "non-zero rotation quaternion");
  }

  @Test
  void refusesImageNamesOutsideTheImagesFolder() throws IOException {
    Path root = scene();
    Path images = root.resolve("sparse/0/images.txt");
    Files.writeString(
        images, Files.readString(images).replace("frame_00004.png", "../point_cloud.ply"));
    FormatErrors.expect(
        () -> SceneLoader.load(root), "a name inside images/", "'../point_cloud.ply'");
  }
}
