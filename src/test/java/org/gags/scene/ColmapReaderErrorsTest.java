package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class ColmapReaderErrorsTest {
  @TempDir Path dir;

  private Path binaryModel() {
    Path sparse = dir.resolve("sparse/0");
    ColmapWriter.writeBinary(sparse, TestColmap.everyModel(21, 3));
    return sparse;
  }

  private static void truncate(Path file, long bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, (int) bytes));
  }

  @Test
  void truncatedCamerasBinNamesTheByteOffset() throws IOException {
    Path sparse = binaryModel();
    // count (8) + camera 1: id, model (8) + width, height (16) + 3 params (24) = 56; cut inside
    // camera 2's width.
    truncate(sparse.resolve("cameras.bin"), 56 + 8 + 5);
    FormatErrors.expect(
        () -> ColmapReader.read(sparse),
        "cameras.bin",
        "byte offset 64",
        "camera 2 of 11, id 2, width",
        "8 more bytes",
        "end of file at byte 69");
  }

  @Test
  void truncatedImagesBinNamesTheByteOffset() throws IOException {
    Path sparse = binaryModel();
    // count (8) + id (4) + 7 doubles (56) + camera id (4) = 72: the name starts there.
    truncate(sparse.resolve("images.bin"), 72 + 6);
    FormatErrors.expect(
        () -> ColmapReader.read(sparse),
        "images.bin",
        "byte offset 72",
        "image 1 of 3",
        "name",
        "end of file at byte 78");
  }

  @Test
  void truncatedPointsAreReported() throws IOException {
    Path sparse = binaryModel();
    Path images = sparse.resolve("images.bin");
    TestColmap.writeImagesBinWithPoints(images, ColmapReader.read(sparse).images(), 10);
    truncate(images, Files.size(images) - 1);
    FormatErrors.expect(() -> ColmapReader.read(sparse), "images.bin", "points2D", "10 × 24 bytes");
  }

  @Test
  void trailingBytesAreRefused() throws IOException {
    Path sparse = binaryModel();
    Path cameras = sparse.resolve("cameras.bin");
    Files.write(cameras, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "cameras.bin", "after the 11 cameras", "3 more bytes");
  }

  @Test
  void unknownBinaryModelIdIsRefused() throws IOException {
    Path sparse = binaryModel();
    Path cameras = sparse.resolve("cameras.bin");
    byte[] bytes = Files.readAllBytes(cameras);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 42);
    Files.write(cameras, bytes);
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "byte offset 12", "model_id", "0..10", "found 42");
  }

  @Test
  void nonFiniteBinaryValuesAreRefused() throws IOException {
    Path sparse = binaryModel();
    Path images = sparse.resolve("images.bin");
    byte[] bytes = Files.readAllBytes(images);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putDouble(8 + 4 + 8 * 5, Double.NaN);
    Files.write(images, bytes);
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "images.bin", "byte offset 52", "ty", "finite", "NaN");
  }

  @Test
  void malformedTextNamesTheLine() throws IOException {
    Path sparse = Files.createDirectories(dir.resolve("txt"));
    Files.writeString(sparse.resolve("images.txt"), "# none\n");
    Files.writeString(
        sparse.resolve("cameras.txt"),
        "# header\n1 PINHOLE 640 480 500 500 320 240\n2 PINHOLE 640 abc 1 1 1 1\n");
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "cameras.txt", "line 3", "HEIGHT", "an integer", "'abc'");

    Files.writeString(sparse.resolve("cameras.txt"), "1 PINHOLE 640 480 500 500 320\n");
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "line 1, camera 1", "4 parameters for PINHOLE", "3 in");

    Files.writeString(sparse.resolve("cameras.txt"), "1 FISHEYE_FANCY 640 480 500\n");
    FormatErrors.expect(() -> ColmapReader.read(sparse), "line 1, camera 1", "'FISHEYE_FANCY'");

    Files.writeString(sparse.resolve("cameras.txt"), "1 SIMPLE_PINHOLE 640 480 nan 320 240\n");
    FormatErrors.expect(() -> ColmapReader.read(sparse), "line 1, camera 1, params[0]", "'nan'");

    Files.writeString(sparse.resolve("cameras.txt"), "1 SIMPLE_PINHOLE 640 480 NaN 320 240\n");
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "line 1, camera 1, params[0]", "a finite number", "NaN");
  }

  @Test
  void malformedImagesTextNamesTheLine() throws IOException {
    Path sparse = Files.createDirectories(dir.resolve("txt"));
    Files.writeString(sparse.resolve("cameras.txt"), "1 PINHOLE 640 480 500 500 320 240\n");
    Files.writeString(
        sparse.resolve("images.txt"),
        "# c\n1 1 0 0 0 0 0 0 1 a.png\n\n2 1 0 0 Infinity 0 0 0 1 b.png\n\n");
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "images.txt", "line 4, image 2, QZ", "Infinity");

    Files.writeString(
        sparse.resolve("images.txt"), "1 1 0 0 0 0 0 0 1 a.png\n1 2 -1\n2 1 0 0 0 0 0\n");
    FormatErrors.expect(
        () -> ColmapReader.read(sparse), "line 3", "IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
  }

  @Test
  void imageWithAMissingCameraIsRefused() {
    Path sparse = dir.resolve("missing");
    ColmapCamera camera = new ColmapCamera(1, "PINHOLE", 64, 48, new double[] {50, 50, 32, 24});
    ColmapImage image = new ColmapImage(5, 1, 0, 0, 0, 0, 0, 0, 7, "frame.png");
    ColmapWriter.writeText(sparse, new ColmapModel(Map.of(1, camera), List.of(image)));
    FormatErrors.expect(
        () -> ColmapReader.read(sparse),
        "images.txt",
        "image 5 (frame.png)",
        "camera id present in cameras.txt [1]",
        "camera id 7");
  }

  @Test
  void duplicateIdsAndNamesAreRefused() {
    ColmapCamera camera = new ColmapCamera(1, "PINHOLE", 64, 48, new double[] {50, 50, 32, 24});
    ColmapImage a = new ColmapImage(5, 1, 0, 0, 0, 0, 0, 0, 1, "a.png");
    Path ids = dir.resolve("ids");
    ColmapWriter.writeBinary(
        ids,
        new ColmapModel(
            Map.of(1, camera), List.of(a, new ColmapImage(5, 1, 0, 0, 0, 0, 0, 0, 1, "b.png"))));
    FormatErrors.expect(() -> ColmapReader.read(ids), "images.bin", "unique image ids");
    Path names = dir.resolve("names");
    ColmapWriter.writeText(
        names,
        new ColmapModel(
            Map.of(1, camera), List.of(a, new ColmapImage(6, 1, 0, 0, 0, 0, 0, 0, 1, "a.png"))));
    FormatErrors.expect(
        () -> ColmapReader.read(names), "images.txt", "unique image names", "'a.png' twice");
  }

  @Test
  void aFolderWithoutAModelNamesWhatWasLookedFor() throws IOException {
    Path sparse = Files.createDirectories(dir.resolve("empty"));
    FormatErrors.expect(
        () -> ColmapReader.read(sparse),
        "cameras.bin + images.bin or cameras.txt + images.txt",
        "none of them");
    Files.writeString(sparse.resolve("cameras.txt"), "");
    FormatErrors.expect(() -> ColmapReader.read(sparse), "only cameras.txt");
  }
}
