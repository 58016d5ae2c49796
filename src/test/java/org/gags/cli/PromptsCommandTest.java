package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code gags prompts}, run in-process on a small synthetic scene as a user would run it. */
@Tag("unit")
class PromptsCommandTest {
  @TempDir static Path dir;
  static Path scene;



  @BeforeAll
  static void synthesiseASmallScene() {
    scene = dir.resolve("scene");
    CliRunner.Run r = CliRunner.gags("synth", "--out", scene.toString(), "--views", "4", "--width", "120", "--height", "90");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void drawsTheViewsPromptsOverItsPhotoAndPrintsTheCount() throws IOException {
    Path png = dir.resolve("p.png");
    CliRunner.Run r = CliRunner.gags("prompts", "--scene", scene.toString(), "--view", "2", "--out", png.toString());
    assertEquals(0, r.code(), r.err());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(120, img.getWidth());
    assertEquals(90, img.getHeight());
    Matcher m = Pattern.compile("granularity-aware: view 2 \\(frame_00003.png\\), (\\d+) prompts, per-patch s (\\d+)\\.\\.(\\d+) -> ")
        .matcher(r.out());
    assertTrue(m.find(), r.out());
    int count = Integer.parseInt(m.group(1));
    int minSide = Integer.parseInt(m.group(2)), maxSide = Integer.parseInt(m.group(3));
    assertTrue(count >= 64 && count <= 64 * 400, r.out());
    assertTrue(minSide >= 1 && minSide <= maxSide && maxSide <= 20, r.out());
    BufferedImage photo = ImageIO.read(scene.resolve("images/frame_00003.png").toFile());
    assertTrue(differingPixels(photo, img) > count, "the prompts are drawn over the photo");

    Path grid = dir.resolve("g.png");
    r = CliRunner.gags("prompts", "--scene", scene.toString(), "--view", "frame_00003", "--mode", "uniform-grid", "--out", grid.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("uniform-grid: view 2 (frame_00003.png), 1024 prompts, uniform 32x32 grid -> "), r.out());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    Path png = dir.resolve("bad.png");
    CliRunner.Run mode = CliRunner.gags("prompts", "--scene", scene.toString(), "--view", "0", "--mode", "grid", "--out", png.toString());
    assertEquals(2, mode.code());
    assertTrue(mode.err().contains("expected granularity-aware or uniform-grid, found 'grid'"), mode.err());
    CliRunner.Run density = CliRunner.gags("prompts", "--scene", scene.toString(), "--view", "0", "--density", "paper", "--out", png.toString());
    assertEquals(2, density.code());
    CliRunner.Run view = CliRunner.gags("prompts", "--scene", scene.toString(), "--view", "9", "--out", png.toString());
    assertEquals(2, view.code());
    assertTrue(view.err().contains("views 0..3"), view.err());
    assertFalse(Files.exists(png), "nothing written on failure");
    CliRunner.Run help = CliRunner.gags("prompts", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Usage: gags prompts"), help.out());
  }

  private static int differingPixels(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        n += (a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff) ? 1 : 0;
      }
    }
    return n;
  }
}
