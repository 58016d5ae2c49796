package org.gags.spark.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gags.config.ConfigKeys;
import org.gags.eval.GroundTruth;
import org.gags.scene.Camera;
import org.gags.scene.LabelFile;
import org.gags.scene.PlyReader;
import org.gags.scene.PrincipalPoint;
import org.gags.scene.Scene;
import org.gags.scene.SceneCheck;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.gags.spark.SceneStaging;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.gags.store.rows.SceneRow;
import org.gags.store.rows.ViewRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scan (driver): reads a scene's folder and checks everything the later stages will read, so that
 * a bad scene fails here, in seconds, and not after hours of SAM and training ({@link SceneLoader}:
 * the COLMAP model, every image's header and layout against its camera; {@link SceneCheck}: the PLY
 * in one streaming pass, every label file in full), then writes the {@code scenes} and {@code
 * views} tables. No photo is decoded here.
 */
public final class ScanStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ScanStage.class);

  @Override
  public String name() {
    return ConfigKeys.SCAN;
  }

  @Override
  public List<String> upstream() {
    return List.of();
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.SCENES, Tables.VIEWS);
  }

  /** Reads each scene on the driver (one failing alone), then writes all of their rows in one job per table. */
  @Override
  public List<SceneFailure> run(RunContext ctx, List<SceneRef> refs, String hash) {
    List<SceneFailure> failed = new ArrayList<>();
    List<Row> scenes = new ArrayList<>();
    List<Row> views = new ArrayList<>();
    List<String> ok = new ArrayList<>();
    for (SceneRef ref : refs) {
      try {
        List<Row> v = new ArrayList<>();
        Row sceneRow = scan(ctx, ref, v);
        scenes.add(ViewFrame.withScene(sceneRow, ref.id()));
        v.forEach(r -> views.add(ViewFrame.withScene(r, ref.id())));
        ok.add(ref.id());
      } catch (Exception | LinkageError | AssertionError e) {
        failed.add(SceneFailure.of(ref.id(), e));
      }
    }
    if (!ok.isEmpty()) {
      Commits.writeScenes(ctx, this, hash, Tables.SCENES, scenes, ok);
      Commits.writeScenes(ctx, this, hash, Tables.VIEWS, views, ok);
    }
    return failed;
  }

  /** One scene's {@code scenes} row; its {@code views} rows go to {@code views}. */
  private static Row scan(RunContext ctx, SceneRef ref, List<Row> views) {
    String policyName = ctx.config().get("scene.principal_point");
    PrincipalPoint policy = policyName.equals("colmap") ? PrincipalPoint.COLMAP : PrincipalPoint.IMAGE_CENTRE;
    Path local = SceneStaging.local(ref.folder(), SceneStaging.fsSettings(ctx.spark().sparkContext().hadoopConfiguration()));
    Scene scene = SceneLoader.load(local, policy);
    SceneCheck.Result checked = SceneCheck.check(scene);
    PlyReader.Summary ply = checked.ply();
    noteUnseenCategories(ref, scene, checked);
    SceneUris uris = new SceneUris(ref.folder(), local);
    for (View v : scene.views()) {
      Camera c = v.camera();
      String stem = v.name().replaceFirst("\\.[^.]+$", "");
      Path label = scene.labelFiles().get(stem);
      views.add(new ViewRow(v.index(), v.name(), uris.of(Path.of(URI.create(v.imageUri()))), c.width(), c.height(),
          c.fx(), c.fy(), c.cx(), c.cy(), c.rotation(), c.translation(), label == null ? null : uris.of(label)).toRow());
    }
    return new SceneRow(uris.root(), uris.of(scene.plyFile()), ply.gaussians(), ply.shDegree(),
        scene.views().size(), scene.labelFiles().size(), policyName).toRow();
  }

  /**
   * Logs each label category whose polygons cover no pixel of its image (drawn wholly outside it):
   * a legitimate label under the LERF-OVS protocol, scored as the reference scores it (a miss; IoU 0,
   * or NaN when the prediction is empty too), so it is noted, not refused.
   */
  private static void noteUnseenCategories(SceneRef ref, Scene scene, SceneCheck.Result checked) {
    for (Map.Entry<Integer, LabelFile> e : checked.labels().entrySet()) {
      LabelFile label = e.getValue();
      for (String category : label.categories()) {
        boolean[] truth = GroundTruth.mask(label.objectsOf(category), label.width(), label.height());
        boolean seen = false;
        for (int i = 0; i < truth.length && !seen; i++) {
          seen = truth[i];
        }
        if (!seen) {
          LOG.warn("{} scan: {} (view {}): category '{}' covers no pixel of the {}x{} image; it is scored as the"
              + " LERF-OVS protocol scores it (a miss; IoU 0, or NaN when nothing is predicted)", ref.id(),
              scene.views().get(e.getKey()).name(), e.getKey(), category, label.width(), label.height());
        }
      }
    }
  }

  /** URIs of a scene's files as the user gave the scene: the remote URI for staged scenes. */
  private record SceneUris(String given, Path local) {
    String root() {
      return SceneStaging.isRemote(given) ? trimSlash(given) : local.toUri().toString();
    }

    String of(Path file) {
      if (!SceneStaging.isRemote(given)) {
        return file.toUri().toString();
      }
      return trimSlash(given) + "/" + local.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String trimSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
