package org.gags.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gags.io.ImageFiles;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelObject;
import org.gags.scene.LabelReader;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The bundled sample scene: complete, readable by our own readers, deterministic, and labelled. */
@Tag("unit")
class SampleSceneTest {
  @TempDir static Path dir;
  static Path scene;
  static SampleScene.Summary summary;

  @BeforeAll
  static void generateDefaultScene() throws IOException {
    scene = dir.resolve("sample");
    summary = SampleScene.write(scene, SynthConfig.DEFAULT);
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    SynthConfig small = SynthConfig.DEFAULT.withViews(4).withSize(96, 72);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    SampleScene.write(a, small);
    SampleScene.write(b, small.withSeed(small.seed()));
    SampleScene.write(c, small.withSeed(7));
    List<Path> files = relativeFiles(a);
    assertEquals(files, relativeFiles(b));
    assertTrue(files.size() >= 4 + 3 + 1 + 2 + 2, "images, cameras, PLY, labels, gt: " + files);
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }
    Path ply = Path.of("point_cloud/iteration_30000/point_cloud.ply");
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(ply)), Files.readAllBytes(c.resolve(ply))));
  }

  @Test
  void theSceneLoadsBackAndItsPhotosAreItsRenders() throws IOException {
    Scene s = SceneLoader.load(scene);
    assertEquals(24, s.views().size());
    assertEquals("frame_00001.png", s.views().get(0).name());
    assertEquals(8, s.labelFiles().size());
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    assertEquals(summary.gaussians(), cloud.count());
    assertEquals(3, cloud.shDegree());
    for (int i : new int[] {0, 7, 23}) {
      View v = s.views().get(i);
      RenderResult r = Rasterizer.render(cloud, v.camera(), RenderRequest.rgb(new float[] {0, 0, 0}), RenderSettings.GSPLAT_CLASSIC);
      float[] photo = ImageFiles.readRgb(ImageIO.read(scene.resolve("images").resolve(v.name()).toFile()));
      double maxErr = 0;
      for (int p = 0; p < photo.length; p++) {
        maxErr = Math.max(maxErr, Math.abs(photo[p] - Math.min(1f, r.rgb()[p])));
      }
      // Cameras went through COLMAP text (17 significant digits) and back: at most 8-bit rounding.
      assertTrue(maxErr <= 1 / 255.0 + 1e-6, "view " + i + " differs from its photo by " + maxErr);
    }
  }

  @Test
  void labelsAreValidLerfOvsFilesWhosePolygonsMatchTheRenderedParts() throws IOException {
    Scene s = SceneLoader.load(scene);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    List<Entity> entities = summary.entities();
    float[] membership = membership(entities);
    Set<String> queries = new HashSet<>();
    entities.forEach(e -> queries.add(e.query()));
    int checked = 0;
    for (Path file : s.labelFiles().values()) {
      LabelFile label = LabelReader.read(file);
      View v = s.views().get(label.frameIndex());
      assertEquals(v.name(), label.name());
      int w = label.width();
      int h = label.height();
      float[] cov = SceneLabels.coverage(cloud, v.camera(), membership, entities.size(), RenderSettings.GSPLAT_CLASSIC);
      Map<String, boolean[]> filled = new HashMap<>();
      for (LabelObject o : label.objects()) {
        assertTrue(queries.contains(o.category()), o.category());
        double[] bounds = MaskPolygons.bounds(o.polygon());
        assertArrayEquals(bounds, o.bbox(), 1e-9);
        int[][] poly = new int[o.polygon().length][];
        for (int k = 0; k < poly.length; k++) {
          poly[k] = new int[] {(int) o.polygon()[k][0], (int) o.polygon()[k][1]};
        }
        boolean[] f = MaskPolygons.fill(poly, w, h);
        filled.merge(o.category(), f, (x, y) -> {
          for (int i = 0; i < x.length; i++) {
            x[i] |= y[i];
          }
          return x;
        });
      }
      for (Map.Entry<String, boolean[]> e : filled.entrySet()) {
        int id = entities.stream().filter(x -> x.query().equals(e.getKey())).findFirst().orElseThrow().id();
        int inter = 0, union = 0, area = 0;
        for (int p = 0; p < w * h; p++) {
          boolean truth = cov[p * entities.size() + id] > 0.5f;
          area += truth ? 1 : 0;
          inter += truth && e.getValue()[p] ? 1 : 0;
          union += truth || e.getValue()[p] ? 1 : 0;
        }
        if (area >= 400) {
          assertTrue(inter / (double) union > 0.85,
              label.name() + " " + e.getKey() + ": polygon IoU " + inter / (double) union);
          checked++;
        }
      }
    }
    assertTrue(checked >= 30, "checked " + checked + " labelled parts");
  }

  @Test
  void wholesPartsAndSubPartsCoverNestedButDifferentPixelsAndScaleChangesAcrossViews() throws IOException {
    Scene s = SceneLoader.load(scene);
    GaussianCloud cloud = PlyReader.read(s.plyFile());
    List<Entity> entities = summary.entities();
    float[] membership = membership(entities);
    int m = entities.size();
    int mug = idOf(entities, "mug"), handle = idOf(entities, "mug handle"), logo = idOf(entities, "logo on the mug");
    int plate = idOf(entities, "plate"), cookie = idOf(entities, "cookie"), chips = idOf(entities, "chocolate chips");
    List<Integer> mugAreas = new ArrayList<>();
    boolean sawAllThreeLevels = false;
    for (View v : s.views()) {
      float[] cov = SceneLabels.coverage(cloud, v.camera(), membership, m, RenderSettings.GSPLAT_CLASSIC);
      int[] area = new int[m];
      int handleOutsideMug = 0, chipsOutsideCookie = 0, cookieOutsidePlate = 0;
      for (int p = 0; p < v.camera().width() * v.camera().height(); p++) {
        for (int e = 0; e < m; e++) {
          area[e] += cov[p * m + e] > 0.5f ? 1 : 0;
        }
        handleOutsideMug += cov[p * m + handle] > 0.5f && !(cov[p * m + mug] > 0.5f) ? 1 : 0;
        chipsOutsideCookie += cov[p * m + chips] > 0.5f && !(cov[p * m + cookie] > 0.5f) ? 1 : 0;
        cookieOutsidePlate += cov[p * m + cookie] > 0.5f && !(cov[p * m + plate] > 0.5f) ? 1 : 0;
      }
      assertEquals(0, handleOutsideMug, v.name());
      assertEquals(0, chipsOutsideCookie, v.name());
      assertEquals(0, cookieOutsidePlate, v.name());
      if (area[mug] > 0) {
        mugAreas.add(area[mug]);
      }
      if (area[logo] > 50 && area[handle] > 50) {
        assertTrue(area[mug] > area[handle] + area[logo], v.name());
        sawAllThreeLevels = true;
      }
    }
    assertTrue(sawAllThreeLevels, "some view should show the mug, its handle and its logo");
    int max = mugAreas.stream().max(Integer::compare).orElseThrow();
    int min = mugAreas.stream().min(Integer::compare).orElseThrow();
    assertTrue(mugAreas.size() >= 12, "the mug should be visible in most views: " + mugAreas);
    assertTrue(max > 20 * min, "close-ups and overviews should differ in scale: mug areas " + mugAreas);
  }

  /** Entity membership rows of the sample scene's Gaussians, from its ground-truth file. */
  private static float[] membership(List<Entity> entities) throws IOException {
    int[] gaussianEntity = toInts(Npy.read(scene.resolve("gt/gaussian_entity.npy")).values());
    return SceneLabels.membership(gaussianEntity, entities);
  }

  private static int idOf(List<Entity> entities, String query) {
    return entities.stream().filter(e -> e.query().equals(query)).findFirst().orElseThrow().id();
  }

  private static int[] toInts(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  private static List<Path> relativeFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
