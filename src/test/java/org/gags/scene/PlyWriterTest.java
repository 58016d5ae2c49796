package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class PlyWriterTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("point_cloud.ply");
    Files.writeString(file, "previous version");
    GaussianCloud cloud = TestClouds.random(9, 20_000, 3, true, 0);
    cloud.opacityLogits()[19_999] = Float.NaN; // after several MiB have gone out
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlyWriter.write(file, cloud));
    assertTrue(e.getMessage().contains("vertex 19999, property opacity"), e.getMessage());
    assertEquals("previous version", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void createsMissingFolders() {
    Path file = dir.resolve("point_cloud/iteration_30000/point_cloud.ply");
    PlyWriter.write(file, TestClouds.random(4, 2, 0, false, 0));
    assertEquals(2, PlyReader.read(file).count());
  }

  @Test
  void refusesExtraNamesThatAreNoValidOrFreePropertyNames() {
    GaussianCloud cloud = TestClouds.random(5, 2, 0, false, 0);
    for (String name : List.of("x", "nx", "f_rest_0", "opacity", "two words", "")) {
      GaussianCloud withExtra = cloud.withExtras(Map.of(name, new float[2]));
      Path file = dir.resolve("extra.ply");
      assertThrows(IllegalArgumentException.class, () -> PlyWriter.write(file, withExtra), name);
      assertTrue(Files.notExists(file), name);
    }
  }
}
