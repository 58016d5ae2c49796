package org.gags.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** COLMAP models with fixed seeds and hand-built binary files, for reader and loader tests. */
final class TestColmap {
  private TestColmap() {}

  /** One camera of every COLMAP model (ids 1..11) and {@code images} images cycling over them. */
  static ColmapModel everyModel(long seed, int images) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, ColmapCamera> cameras = new LinkedHashMap<>();
    for (ColmapCameraModel model : ColmapCameraModel.values()) {
      double[] params = new double[model.paramCount()];
      for (int k = 0; k < params.length; k++) {
        params[k] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 4));
      }
      int id = model.id() + 1;
      cameras.put(
          id,
          new ColmapCamera(
              id, model.name(), 100 + random.nextInt(2000), 50 + random.nextInt(2000), params));
    }
    List<ColmapImage> list = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      list.add(
          randomImage(
              random,
              10 + 3 * i,
              1 + i % cameras.size(),
              String.format("frame_%05d.jpg", images - i)));
    }
    return new ColmapModel(cameras, list);
  }

  static ColmapImage randomImage(SplittableRandom random, int id, int cameraId, String name) {
    return new ColmapImage(
        id,
        random.nextDouble(-1, 1),
        random.nextDouble(-1, 1),
        random.nextDouble(-1, 1),
        random.nextDouble(-1, 1),
        random.nextDouble(-5, 5),
        random.nextDouble(-5, 5),
        random.nextDouble(-5, 5),
        cameraId,
        name);
  }

  /** images.bin for {@code images}, each with {@code points} 2D points, as COLMAP writes it. */
  static void writeImagesBinWithPoints(Path file, List<ColmapImage> images, int points)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(images.size());
    for (ColmapImage i : images) {
      b.putInt(i.id());
      b.putDouble(i.qw()).putDouble(i.qx()).putDouble(i.qy()).putDouble(i.qz());
      b.putDouble(i.tx()).putDouble(i.ty()).putDouble(i.tz());
      b.putInt(i.cameraId());
      b.put(i.name().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
      b.putLong(points);
      for (int p = 0; p < points; p++) {
        b.putDouble(p + 0.5).putDouble(p * 2.0).putLong(p % 3 == 0 ? -1 : p);
      }
    }
    Files.write(file, Arrays.copyOf(b.array(), b.position()));
  }
}
