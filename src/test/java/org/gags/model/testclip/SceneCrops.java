package org.gags.model.testclip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.gags.embed.ClipCrop;
import org.gags.io.Npy;
import org.gags.render.RenderSettings;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.gags.synth.Entity;
import org.gags.synth.SceneLabels;

/**
 * Ground-truth crops of a generated sample scene: per view, every entity's mask (pixels whose
 * coverage by the entity and its descendants is over one half, as the scene's labels are made),
 * cropped from the view's photo with {@link ClipCrop}. Masks under {@code minPixels} are skipped, as
 * SAM's small-region filter would drop them.
 */
record SceneCrops(List<Entity> entities, List<Crop> crops) {
  /** One crop: its entity, view, mask area and the normalised 3×224×224 floats. */
  record Crop(int entity, int view, int pixels, float[] chw) {}

  static SceneCrops of(Path sceneDir, int minPixels) throws IOException {
    List<Entity> entities = entities(sceneDir);
    Scene scene = SceneLoader.load(sceneDir);
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    float[] ids = Npy.read(sceneDir.resolve("gt/gaussian_entity.npy")).values();
    int[] gaussianEntity = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      gaussianEntity[i] = (int) ids[i];
    }
    float[] membership = SceneLabels.membership(gaussianEntity, entities);
    int m = entities.size();
    List<Crop> crops = new ArrayList<>();
    for (View v : scene.views()) {
      int w = v.camera().width();
      int h = v.camera().height();
      float[] cov = SceneLabels.coverage(cloud, v.camera(), membership, m, RenderSettings.GSPLAT_CLASSIC);
      ClipCrop.Image photo = ClipCrop.Image.of(ImageIO.read(sceneDir.resolve("images").resolve(v.name()).toFile()));
      for (int e = 0; e < m; e++) {
        final int ent = e;
        ClipCrop.MaskPixels mask = (x, y) -> cov[(y * w + x) * m + ent] > 0.5f;
        int area = 0;
        for (int p = 0; p < w * h; p++) {
          area += cov[p * m + e] > 0.5f ? 1 : 0;
        }
        if (area < minPixels) {
          continue;
        }
        ClipCrop.Box box = ClipCrop.Box.around(mask, w, h);
        crops.add(new Crop(e, v.index(), area, ClipCrop.crop(photo, mask, box)));
      }
    }
    return new SceneCrops(entities, crops);
  }

  /** The entities of gt/scene.json (ids in order). */
  static List<Entity> entities(Path sceneDir) throws IOException {
    JsonNode root = new ObjectMapper().readTree(sceneDir.resolve("gt/scene.json").toFile());
    List<Entity> out = new ArrayList<>();
    for (JsonNode e : root.get("entities")) {
      out.add(new Entity(e.get("id").asInt(), e.get("query").asText(), e.get("parent").asInt(), e.get("level").asText(),
          new double[3]));
    }
    return out;
  }
}
