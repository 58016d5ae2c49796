package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gags.io.ImageFiles;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process as a user would run it. */
class GagsCommandTest {
  @TempDir static Path dir;
  static Path scene;

  /** Exit code and captured output of one command. */
  record Run(int code, String out, String err) {}

  static Run gags(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = GagsCommand.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @BeforeAll
  static void synthesiseASmallScene() {
    scene = dir.resolve("scene");
    Run r = gags("synth", "--out", scene.toString(), "--views", "5", "--width", "120", "--height", "90");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("5 views (120x90)"), r.out());
  }

  @Test
  void everyCommandHasHelp() {
    Run top = gags("--help");
    assertEquals(0, top.code());
    for (String cmd : new String[] {"demo", "synth", "render", "bench"}) {
      assertTrue(top.out().contains(cmd), "top-level help lists " + cmd);
      Run sub = gags(cmd, "--help");
      assertEquals(0, sub.code(), cmd);
      assertTrue(sub.out().contains("Usage: gags " + cmd), sub.out());
    }
    Run bench = gags("bench", "render", "--help");
    assertEquals(0, bench.code());
    assertTrue(bench.out().contains("--gaussians"));
  }

  @Test
  void renderWritesRgbAlphaPngAndDepthNpyThatMatchTheRasterizer() throws IOException {
    Scene s = SceneLoader.load(scene);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    RenderResult expected =
        Rasterizer.render(cloud, s.views().get(2).camera(), RenderRequest.rgb(null).withDepth(), RenderSettings.GSPLAT_CLASSIC);

    Path depth = dir.resolve("d.npy");
    Run r = gags("render", "--scene", scene.toString(), "--view", "2", "--mode", "depth", "--out", depth.toString());
    assertEquals(0, r.code(), r.err());
    Npy.Array a = Npy.read(depth);
    assertArrayEquals(new int[] {90, 120}, a.shape());
    assertArrayEquals(expected.depth(), a.values());

    Path rgb = dir.resolve("v.png");
    r = gags("render", "--scene", scene.toString(), "--view", "frame_00003", "--mode", "rgb", "--out", rgb.toString());
    assertEquals(0, r.code(), r.err());
    float[] written = ImageFiles.readRgb(ImageIO.read(rgb.toFile()));
    float[] photo = ImageFiles.readRgb(ImageIO.read(scene.resolve("images/frame_00003.png").toFile()));
    assertArrayEquals(photo, written, "view 2 by name renders the same pixels as its photo");

    Path alpha = dir.resolve("a.png");
    r = gags("render", "--scene", scene.toString(), "--view", "frame_00003.png", "--mode", "alpha", "--out", alpha.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(120, ImageIO.read(alpha.toFile()).getWidth());
  }

  @Test
  void badArgumentsAndBadScenesGiveOneClearLine() throws IOException {
    Run wrongExt = gags("render", "--scene", scene.toString(), "--view", "0", "--mode", "depth", "--out", dir.resolve("x.png").toString());
    assertEquals(2, wrongExt.code());
    assertTrue(wrongExt.err().contains("mode depth writes .npy files"), wrongExt.err());

    Run noView = gags("render", "--scene", scene.toString(), "--view", "17", "--out", dir.resolve("x.png").toString());
    assertEquals(2, noView.code());
    assertTrue(noView.err().contains("views 0..4"), noView.err());

    Run noName = gags("render", "--scene", scene.toString(), "--view", "kitchen", "--out", dir.resolve("x.png").toString());
    assertEquals(2, noName.code());
    assertTrue(noName.err().contains("no view of that name"), noName.err());

    Path missing = dir.resolve("nothing-here");
    Run noScene = gags("render", "--scene", missing.toString(), "--view", "0", "--out", dir.resolve("x.png").toString());
    assertEquals(1, noScene.code());
    assertTrue(noScene.err().startsWith("gags render: ") && noScene.err().contains("nothing-here"), noScene.err());
    assertTrue(!noScene.err().contains("\tat "), "no stack trace for bad input: " + noScene.err());
    assertTrue(!Files.exists(dir.resolve("x.png")), "nothing written on failure");
  }
}
