package org.gags.prompt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.synth.Entity;
import org.gags.synth.SampleScene;
import org.gags.synth.SceneLabels;
import org.gags.synth.SynthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The point of granularity-aware prompting, on the bundled sample scene (24 views whose distance
 * to each object swings between close-ups and overviews): the number of prompts that land on an
 * object varies less across views than with LangSplat's uniform grid, whose count follows the
 * object's pixel area.
 */
@Tag("unit")
class PromptDensityAcrossViewsTest {
  static final String[] OBJECTS = {"mug", "bottle", "book", "apple", "plate"};
  static final int MIN_PIXELS = 200;

  @TempDir static Path dir;

  @Test
  void granularityAwarePromptsPerObjectAreSteadierAcrossViewsThanTheUniformGrid() throws IOException {
    SampleScene.Summary summary = SampleScene.write(dir.resolve("sample"), SynthConfig.DEFAULT);
    Scene scene = SceneLoader.load(summary.root());
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    List<Entity> entities = summary.entities();
    float[] membership = SceneLabels.membership(gaussianEntities(summary.root()), entities);

    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC;
    List<Camera> cams = new ArrayList<>();
    List<float[]> depths = new ArrayList<>();
    for (var v : scene.views()) {
      cams.add(v.camera());
      depths.add(Rasterizer.render(cloud, v.camera(), RenderRequest.depthOnly(), settings).depth());
    }
    MinDepthReference.Result md = MinDepthReference.compute(cloud, cams, depths, PromptConfig.GAGS.visibilityTolerance());

    int[] objectIds = new int[OBJECTS.length];
    for (int o = 0; o < OBJECTS.length; o++) {
      objectIds[o] = idOf(entities, OBJECTS[o]);
    }
    List<List<Integer>> aware = new ArrayList<>();
    List<List<Integer>> grid = new ArrayList<>();
    for (int o = 0; o < OBJECTS.length; o++) {
      aware.add(new ArrayList<>());
      grid.add(new ArrayList<>());
    }
    for (int i = 0; i < cams.size(); i++) {
      Camera c = cams.get(i);
      int w = c.width(), h = c.height();
      int[] whole = wholeIds(SceneLabels.idMap(SceneLabels.coverage(cloud, c, membership, entities.size(), settings), entities, w * h), entities);
      long seed = PromptSeeds.forView(PromptConfig.GAGS.seed(), "sample", i);
      Prompts ga = PromptSampler.sample(depths.get(i), md.maps().get(i).dense(), w, h, PromptConfig.GAGS, seed);
      Prompts ug = PromptSampler.sample(depths.get(i), md.maps().get(i).dense(), w, h, PromptConfig.LANGSPLAT_GRID, seed);
      for (int o = 0; o < OBJECTS.length; o++) {
        if (area(whole, objectIds[o]) >= MIN_PIXELS) {
          aware.get(o).add(onObject(ga, whole, w, objectIds[o]));
          grid.get(o).add(onObject(ug, whole, w, objectIds[o]));
        }
      }
    }

    StringBuilder table = new StringBuilder(String.format(
        "prompts per object per view (views where it covers >= %d px)%n%-8s %5s | %9s %7s | %9s %7s%n",
        MIN_PIXELS, "object", "views", "GA mean", "GA CV", "grid mean", "grid CV"));
    int steadier = 0;
    double cvAware = 0, cvGrid = 0;
    for (int o = 0; o < OBJECTS.length; o++) {
      double[] a = meanAndCv(aware.get(o));
      double[] g = meanAndCv(grid.get(o));
      table.append(String.format("%-8s %5d | %9.1f %7.3f | %9.1f %7.3f%n", OBJECTS[o], aware.get(o).size(), a[0], a[1], g[0], g[1]));
      steadier += a[1] < g[1] ? 1 : 0;
      cvAware += a[1] / OBJECTS.length;
      cvGrid += g[1] / OBJECTS.length;
      assertTrue(aware.get(o).size() >= 4, OBJECTS[o] + " should cover " + MIN_PIXELS + " pixels in several views");
    }
    table.append(String.format("%-8s %5s | %9s %7.3f | %9s %7.3f%n", "average", "", "", cvAware, "", cvGrid));
    System.out.print(table);
    assertTrue(steadier >= 4, "granularity-aware prompts should be steadier for at least 4 of 5 objects:\n" + table);
    assertTrue(cvAware < cvGrid, "and on average:\n" + table);
  }

  /** Prompts whose pixel (the point's integer part) lies on the object. */
  static int onObject(Prompts p, int[] whole, int width, int object) {
    int n = 0;
    for (int k = 0; k < p.count(); k++) {
      int pixel = (int) p.y()[k] * width + (int) p.x()[k];
      n += whole[pixel] == object ? 1 : 0;
    }
    return n;
  }

  /** The id map with each entity replaced by its whole object (walking up the parents). */
  static int[] wholeIds(int[] ids, List<Entity> entities) {
    int[] out = new int[ids.length];
    for (int p = 0; p < ids.length; p++) {
      int e = ids[p];
      while (e >= 0 && entities.get(e).parent() >= 0) {
        e = entities.get(e).parent();
      }
      out[p] = e;
    }
    return out;
  }

  static int area(int[] whole, int object) {
    int n = 0;
    for (int id : whole) {
      n += id == object ? 1 : 0;
    }
    return n;
  }

  /** Mean and coefficient of variation (population standard deviation / mean). */
  static double[] meanAndCv(List<Integer> counts) {
    double mean = counts.stream().mapToDouble(Integer::doubleValue).average().orElse(Double.NaN);
    double var = counts.stream().mapToDouble(c -> (c - mean) * (c - mean)).average().orElse(Double.NaN);
    return new double[] {mean, Math.sqrt(var) / mean};
  }

  static int idOf(List<Entity> entities, String query) {
    return entities.stream().filter(e -> e.query().equals(query)).findFirst().orElseThrow().id();
  }

  static int[] gaussianEntities(Path root) throws IOException {
    float[] v = Npy.read(root.resolve("gt/gaussian_entity.npy")).values();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }
}
