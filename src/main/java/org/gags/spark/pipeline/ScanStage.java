package org.gags.spark.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.config.ConfigKeys;
import org.gags.scene.Camera;
import org.gags.scene.PlyReader;
import org.gags.scene.PrincipalPoint;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.scene.View;
import org.gags.spark.SceneStaging;
import org.gags.store.TableDef;
import org.gags.store.Tables;

/**
 * scan (driver): reads a scene's folder, COLMAP cameras and PLY header, checks them, and writes
 * the {@code scenes} and {@code views} tables. Nothing heavy is read here.
 */
public final class ScanStage implements Stage {
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

  @Override
  public void run(RunContext ctx, SceneRef ref, String hash) {
    String policyName = ctx.config().get("scene.principal_point");
    PrincipalPoint policy = policyName.equals("colmap") ? PrincipalPoint.COLMAP : PrincipalPoint.IMAGE_CENTRE;
    Path local = SceneStaging.local(ref.folder(), SceneStaging.fsSettings(ctx.spark().sparkContext().hadoopConfiguration()));
    Scene scene = SceneLoader.load(local, policy);
    PlyReader.Summary ply = PlyReader.summary(scene.plyFile());
    SceneUris uris = new SceneUris(ref.folder(), local);
    Row sceneRow = RowFactory.create(uris.root(), uris.of(scene.plyFile()),
        ply.gaussians(), ply.shDegree(), scene.views().size(), scene.labelFiles().size(), policyName);
    List<Row> views = new ArrayList<>();
    for (View v : scene.views()) {
      Camera c = v.camera();
      String stem = v.name().replaceFirst("\\.[^.]+$", "");
      Path label = scene.labelFiles().get(stem);
      views.add(RowFactory.create(v.index(), v.name(), uris.of(Path.of(URI.create(v.imageUri()))), c.width(), c.height(),
          c.fx(), c.fy(), c.cx(), c.cy(), boxed(c.rotation()), boxed(c.translation()), label == null ? null : uris.of(label)));
    }
    Commits.write(ctx, this, Tables.SCENES, ref, hash, Commits.frame(ctx, Tables.SCENES, List.of(sceneRow)));
    Commits.write(ctx, this, Tables.VIEWS, ref, hash, Commits.frame(ctx, Tables.VIEWS, views));
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

  private static Double[] boxed(double[] a) {
    Double[] b = new Double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
