package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class ColmapRoundTripTest {
  @TempDir Path dir;

  @Test
  void textRoundTripKeepsEveryValue() {
    ColmapModel model = TestColmap.everyModel(11, 30);
    Path sparse = dir.resolve("sparse/0");
    ColmapWriter.writeText(sparse, model);
    assertTrue(Files.isRegularFile(sparse.resolve("points3D.txt")));
    ColmapFiles files = ColmapFiles.locate(sparse);
    assertFalse(files.binary());
    assertEquals(model, ColmapReader.read(sparse));
  }

  @Test
  void binaryRoundTripKeepsEveryValue() throws IOException {
    ColmapModel model = TestColmap.everyModel(12, 30);
    Path sparse = dir.resolve("sparse/0");
    ColmapWriter.writeBinary(sparse, model);
    assertEquals(8, Files.size(sparse.resolve("points3D.bin")));
    assertTrue(ColmapFiles.locate(sparse).binary());
    assertEquals(model, ColmapReader.read(sparse));
  }

  @Test
  void binaryAndTextOfOneModelReadTheSame() {
    ColmapModel model = TestColmap.everyModel(13, 12);
    Path bin = dir.resolve("bin");
    Path txt = dir.resolve("txt");
    ColmapWriter.writeBinary(bin, model);
    ColmapWriter.writeText(txt, model);
    ColmapModel fromBin = ColmapReader.read(bin);
    ColmapModel fromTxt = ColmapReader.read(txt);
    assertEquals(fromBin, fromTxt);
    assertEquals(List.copyOf(fromBin.cameras().values()), List.copyOf(model.cameras().values()));
    assertEquals(fromBin.images(), model.images());
  }

  @Test
  void textWriterRefusesNamesWithWhitespace() {
    ColmapCamera camera = new ColmapCamera(1, "PINHOLE", 64, 48, new double[] {50, 50, 32, 24});
    ColmapImage spaced = new ColmapImage(1, 1, 0, 0, 0, 0, 0, 0, 1, "my photo.png");
    ColmapModel model = new ColmapModel(Map.of(1, camera), List.of(spaced));
    Path sparse = dir.resolve("spaced");
    assertThrows(IllegalArgumentException.class, () -> ColmapWriter.writeText(sparse, model));
    assertFalse(Files.exists(sparse.resolve("cameras.txt")));
    ColmapWriter.writeBinary(sparse, model);
    assertEquals(model, ColmapReader.read(sparse));
  }

  @Test
  void prefersBinaryWhenBothFormsArePresent() {
    Path sparse = dir.resolve("both");
    ColmapWriter.writeText(sparse, TestColmap.everyModel(1, 2));
    ColmapModel binary = TestColmap.everyModel(2, 3);
    ColmapWriter.writeBinary(sparse, binary);
    assertEquals(binary, ColmapReader.read(sparse));
  }

  @Test
  void skipsTwoDimensionalPointsInBinaryImages() throws IOException {
    ColmapModel model = TestColmap.everyModel(14, 4);
    Path sparse = dir.resolve("points");
    ColmapWriter.writeBinary(sparse, model);
    TestColmap.writeImagesBinWithPoints(sparse.resolve("images.bin"), model.images(), 5000);
    assertEquals(model, ColmapReader.read(sparse));
  }

  @Test
  void readsTextAsColmapWritesIt() throws IOException {
    Path sparse = Files.createDirectories(dir.resolve("colmap"));
    Files.writeString(
        sparse.resolve("cameras.txt"),
        "# Camera list with one line of data per camera:\n"
            + "#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n"
            + "# Number of cameras: 2\n"
            + "1 SIMPLE_RADIAL 988 731 1159.5880733038064 494 365.5 0.0071\n"
            + "2 PINHOLE 640 480 500 510.5 320.25 239.75\n");
    Files.writeString(
        sparse.resolve("images.txt"),
        "# Image list with two lines of data per image:\n"
            + "#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n"
            + "#   POINTS2D[] as (X, Y, POINT3D_ID)\n"
            + "# Number of images: 3, mean observations per image: 1\n"
            + "1 0.99 0.01 -0.02 0.03 1.5 -2.5 3.25 1 frame_00002.jpg\n"
            + "100.5 200.25 -1 300 400 17\n"
            + "2 1 0 0 0 0 0 0 2 frame_00001.jpg\n"
            + "\n"
            + "3 0.5 0.5 0.5 0.5 1e-3 -1E2 0 1 sub/dir/frame_00003.jpg\n"
            + "1 2 3\n");
    ColmapModel model = ColmapReader.read(sparse);
    assertEquals(2, model.cameras().size());
    ColmapCamera radial = model.cameras().get(1);
    assertEquals(ColmapCameraModel.SIMPLE_RADIAL, radial.cameraModel());
    assertEquals(988, radial.width());
    assertArrayEquals(new double[] {1159.5880733038064, 494, 365.5, 0.0071}, radial.params());
    assertEquals(
        List.of(
            new ColmapImage(1, 0.99, 0.01, -0.02, 0.03, 1.5, -2.5, 3.25, 1, "frame_00002.jpg"),
            new ColmapImage(2, 1, 0, 0, 0, 0, 0, 0, 2, "frame_00001.jpg"),
            new ColmapImage(3, 0.5, 0.5, 0.5, 0.5, 1e-3, -100, 0, 1, "sub/dir/frame_00003.jpg")),
        model.images());
  }

  @Test
  void quaternionOfAnImageGivesItsRotation() {
    SplittableRandom random = new SplittableRandom(5);
    ColmapImage image = TestColmap.randomImage(random, 1, 1, "a.png");
    double[] q = Camera.quaternionFromRotation(image.rotation());
    double norm =
        Math.sqrt(
            image.qw() * image.qw()
                + image.qx() * image.qx()
                + image.qy() * image.qy()
                + image.qz() * image.qz());
    double sign = Math.signum(image.qw());
    assertArrayEquals(
        new double[] {
          sign * image.qw() / norm,
          sign * image.qx() / norm,
          sign * image.qy() / norm,
          sign * image.qz() / norm
        },
        q,
        1e-12);
  }
}
