package org.gags.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.io.AtomicFiles;
import org.gags.io.ImageFiles;
import org.gags.io.Npy;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderResult;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.ColmapCamera;
import org.gags.scene.ColmapImage;
import org.gags.scene.ColmapModel;
import org.gags.scene.ColmapWriter;
import org.gags.scene.GaussianCloud;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelWriter;
import org.gags.scene.PlyWriter;

/**
 * Writes the bundled sample scene: a tabletop ({@link TabletopLayout}) as an INRIA-layout PLY with
 * SH degree 3, COLMAP text cameras on {@link CameraPath}, photos rendered by our rasterizer, and
 * LERF-OVS labels for every {@code labelEvery}-th view. Also writes ground truth beside it under
 * {@code gt/}: the entity list with queries and hierarchy, and each Gaussian's entity id.
 *
 * <p>Layout: {@code images/frame_00001.png…}, {@code sparse/0/{cameras,images,points3D}.txt},
 * {@code point_cloud/iteration_30000/point_cloud.ply}, {@code label/frame_0000k.json},
 * {@code gt/scene.json}, {@code gt/gaussian_entity.npy}. The same config gives byte-identical files.
 */
public final class SampleScene {
  /** Bumped whenever the generated content changes. */
  public static final int GENERATOR_VERSION = 1;

  private SampleScene() {}

  /** What was written. */
  public record Summary(Path root, int gaussians, int views, int labelledViews, int labelObjects, List<Entity> entities) {}

  public static Summary write(Path root, SynthConfig cfg) throws IOException {
    GaussianBuilder builder = new GaussianBuilder(cfg.seed());
    List<Entity> entities = TabletopLayout.build(builder);
    GaussianCloud cloud = builder.build();
    int[] gaussianEntity = builder.entities();
    List<Entity> wholes = entities.stream().filter(e -> e.parent() < 0 && !e.query().equals("wooden table")).toList();
    List<Camera> cameras = CameraPath.cameras(cfg, wholes);
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC.withThreads(cfg.threads());

    Files.createDirectories(root);
    PlyWriter.write(root.resolve("point_cloud/iteration_30000/point_cloud.ply"), cloud);
    writeCameras(root.resolve("sparse/0"), cameras);

    float[] membership = SceneLabels.membership(gaussianEntity, entities);
    int labelled = 0;
    int labelObjects = 0;
    for (int i = 0; i < cameras.size(); i++) {
      Camera cam = cameras.get(i);
      RenderResult img = Rasterizer.render(cloud, cam, RenderRequest.rgb(new float[] {0, 0, 0}), settings);
      ImageFiles.writePng(root.resolve("images/" + imageName(i)), ImageFiles.rgbImage(img.rgb(), cam.width(), cam.height()));
      if (i % cfg.labelEvery() == 0) {
        float[] cov = SceneLabels.coverage(cloud, cam, membership, entities.size(), settings);
        LabelFile labels = SceneLabels.labels(imageName(i), cov, entities, cam.width(), cam.height(), cfg.minLabelPixels());
        LabelWriter.write(root.resolve("label/" + stem(i) + ".json"), labels);
        labelled++;
        labelObjects += labels.objects().size();
      }
    }
    Npy.writeInt32(root.resolve("gt/gaussian_entity.npy"), gaussianEntity, gaussianEntity.length);
    writeManifest(root.resolve("gt/scene.json"), cfg, entities, cloud.count());
    return new Summary(root, cloud.count(), cameras.size(), labelled, labelObjects, entities);
  }

  /** Image file name of view i: frame_00001.png for i = 0 (LERF numbering, frame index = number − 1). */
  public static String imageName(int i) {
    return stem(i) + ".png";
  }

  static String stem(int i) {
    return String.format("frame_%05d", i + 1);
  }

  private static void writeCameras(Path sparse, List<Camera> cameras) {
    Camera c0 = cameras.get(0);
    Map<Integer, ColmapCamera> cams = new LinkedHashMap<>();
    cams.put(1, new ColmapCamera(1, "PINHOLE", c0.width(), c0.height(), new double[] {c0.fx(), c0.fy(), c0.cx(), c0.cy()}));
    List<ColmapImage> images = new ArrayList<>();
    for (int i = 0; i < cameras.size(); i++) {
      Camera c = cameras.get(i);
      double[] q = Camera.quaternionFromRotation(c.rotation());
      double[] t = c.translation();
      images.add(new ColmapImage(i + 1, q[0], q[1], q[2], q[3], t[0], t[1], t[2], 1, imageName(i)));
    }
    ColmapWriter.writeText(sparse, new ColmapModel(cams, images));
  }

  private static void writeManifest(Path file, SynthConfig cfg, List<Entity> entities, int gaussians) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "gags synth");
    m.put("generatorVersion", GENERATOR_VERSION);
    m.put("config", cfg);
    m.put("gaussians", gaussians);
    List<Map<String, Object>> es = new ArrayList<>();
    for (Entity e : entities) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.id());
      row.put("query", e.query());
      row.put("parent", e.parent());
      row.put("level", e.level());
      es.add(row);
    }
    m.put("entities", es);
    m.put("gaussianEntity", "gt/gaussian_entity.npy: int32 per Gaussian in PLY order, the most specific entity id, -1 for the floor");
    try {
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
      AtomicFiles.writeString(file, json + "\n");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
