package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks the scan stage adds to {@link SceneLoader} ({@link SceneCheck}, {@link
 * PlyReader#check}, {@link ImageLayout}) and the reader fixes the fuzz asked for, one case each
 * with its full message.
 */
@Tag("unit")
class ScanChecksTest {
  @TempDir Path dir;

  private Path scene() throws IOException {
    return TestScenes.build(dir.resolve("scene"), false);
  }

  @Test
  void aSceneThatPassesIsSummarisedWithItsLabelsByView() throws IOException {
    SceneCheck.Result r = SceneCheck.check(SceneLoader.load(scene()));
    assertEquals(5, r.ply().gaussians());
    assertEquals(List.of(1), List.copyOf(r.labels().keySet()), "frame_00002.json labels view 1");
  }

  @Test
  void aLabelMustBelongToAViewWithItsFrameNumberAndSize() throws IOException {
    Path scene = scene();
    Path label = scene.resolve("label/frame_00002.json");
    LabelObject cup = new LabelObject("cup", new double[][] {{1, 1}, {4, 1}, {4, 3}}, new double[] {1, 1, 4, 3});
    LabelWriter.write(label, new LabelFile("frame_00003.png", 8, 6, List.of(cup)));
    FormatErrors.expect(() -> SceneCheck.check(SceneLoader.load(scene)), label.toString(),
        "info.name: expected an image name with frame number 2 (view 1, frame_00002.png), found 'frame_00003.png' (frame number 3)");
    LabelWriter.write(label, new LabelFile("frame_00002.png", 16, 6, List.of(cup)));
    FormatErrors.expect(() -> SceneCheck.check(SceneLoader.load(scene)), label.toString(),
        "info.width, info.height: expected 8 x 6 (the size of frame_00002.png), found 16 x 6");
  }

  @Test
  void theScanReadsThePlyDataAndNeedsOneGaussian() throws IOException {
    Path scene = scene();
    GaussianCloud cloud = PlyReader.read(scene.resolve("point_cloud.ply"));
    Arrays.fill(cloud.rotations(), 8, 12, 0f);
    PlyWriter.write(scene.resolve("point_cloud.ply"), cloud);
    Path ply = scene.resolve("point_cloud.ply");
    for (var read : List.<org.junit.jupiter.api.function.Executable>of(() -> PlyReader.read(ply), () -> PlyReader.check(ply),
        () -> SceneCheck.check(SceneLoader.load(scene)))) {
      FormatErrors.expect(read, ply.toString(), "vertex 2, properties rot_0..rot_3 (byte offset",
          "expected a rotation quaternion of non-zero length", "found 0.0, 0.0, 0.0, 0.0");
    }
    PlyWriter.write(ply, new GaussianCloud(0, 0, new float[0], null, new float[0], new float[0], new float[0], new float[0],
        new float[0], Map.of()));
    assertEquals(0, PlyReader.check(ply).gaussians(), "a PLY without vertices is a well-formed PLY");
    FormatErrors.expect(() -> SceneCheck.check(SceneLoader.load(scene)), ply + ": element vertex: expected at least one Gaussian");
  }

  @Test
  void aFolderThatIsNoSceneSaysWhatItHolds() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    FormatErrors.expect(() -> SceneLoader.load(empty), empty + ": scene folder: expected a scene", "found an empty folder");
    Path other = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(other.resolve("readme.txt"), "x");
    Files.createDirectories(other.resolve("drafts"));
    FormatErrors.expect(() -> SceneLoader.load(other), "found a folder holding drafts/, readme.txt");
  }

  @Test
  void photosCutShortOrWithBytesAfterTheirEndAreRefusedAtTheHeaderAndAtDecoding() throws IOException {
    BufferedImage photo = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
    photo.setRGB(3, 2, 0xff8040);
    for (String format : List.of("png", "jpeg")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(photo, format, out);
      byte[] good = out.toByteArray();
      Path file = dir.resolve("photo." + format);
      Files.write(file, good);
      assertEquals(new ImageHeader(8, 6), ImageHeader.read(file));
      assertEquals(8, RgbImage.decode(file.toString(), good, 8, 6).width());
      byte[] longer = Arrays.copyOf(good, good.length + 3);
      Files.write(file, longer);
      String after = format.equals("png") ? "(after the IEND chunk): expected the end of the file, found 3 more bytes"
          : "expected the JPEG end-of-image marker FF D9, found 00 00";
      FormatErrors.expect(() -> ImageHeader.read(file), file.toString(), after);
      FormatErrors.expect(() -> RgbImage.decode(file.toString(), longer, 8, 6), file.toString(), after);
      byte[] shorter = Arrays.copyOf(good, good.length - 1);
      Files.write(file, shorter);
      FormatErrors.expect(() -> ImageHeader.read(file), file.toString(), "cut short");
      FormatErrors.expect(() -> RgbImage.decode(file.toString(), shorter, 8, 6), file.toString(), "cut short");
      FormatErrors.expect(() -> RgbImage.decode(file.toString(), good, 6, 8), file.toString(),
          "image size: expected 6x8 (the camera's size, as scanned), found 8x6");
    }
  }

  @Test
  void aDamagedPngChunkIsRefusedByItsCrcWhenDecoded() throws IOException {
    BufferedImage photo = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(photo, "png", out);
    byte[] bytes = out.toByteArray();
    bytes[8 + 8 + 12] ^= 1; // IHDR's compression method byte
    FormatErrors.expect(() -> RgbImage.decode("x.png", bytes), "x.png: PNG chunk 0 (IHDR) at byte offset 8: expected CRC",
        "(the chunk is damaged)");
  }

  @Test
  void colmapTextCutShortOrMiscountedOrNotUtf8IsRefused() throws IOException {
    Path sparse = dir.resolve("sparse/0");
    ColmapWriter.writeText(sparse, TestScenes.model());
    Path cameras = sparse.resolve("cameras.txt");
    String text = Files.readString(cameras);
    Files.writeString(cameras, text.substring(0, text.length() - 2));
    FormatErrors.expect(() -> ColmapReader.read(sparse), cameras.toString(),
        "line 5: expected a last line ended by a newline, found the end of the file inside it (the file is cut short)");
    Files.writeString(cameras, text.replace("# Number of cameras: 2", "# Number of cameras: 3"));
    FormatErrors.expect(() -> ColmapReader.read(sparse), cameras.toString(),
        "the header comment on line 3: expected 3 cameras (as it declares), found 2 cameras");
    byte[] latin1 = text.replace("PINHOLE 8", "PINHOLE\u00e9 8").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(cameras, latin1);
    FormatErrors.expect(() -> ColmapReader.read(sparse), cameras.toString(), "expected UTF-8 text, found bytes that are not UTF-8");
    Files.writeString(cameras, "# no cameras\n");
    FormatErrors.expect(() -> ColmapReader.read(sparse), cameras + ": cameras: expected at least one camera, found none");
  }

  @Test
  void aLabelFileWithMoreThanWhiteSpaceAfterItsDocumentIsRefused() throws IOException {
    Path label = dir.resolve("frame_00002.json");
    LabelWriter.write(label, new LabelFile("frame_00002.png", 8, 6,
        List.of(new LabelObject("cup", new double[][] {{1, 1}, {4, 1}, {4, 3}}, new double[] {1, 1, 4, 3}))));
    Files.writeString(label, Files.readString(label) + " \r\n\t");
    assertEquals("cup", LabelReader.read(label).objects().get(0).category());
    Files.writeString(label, Files.readString(label) + "{}");
    FormatErrors.expect(() -> LabelReader.read(label), label.toString(), "well-formed JSON", "Trailing token");
  }
}
