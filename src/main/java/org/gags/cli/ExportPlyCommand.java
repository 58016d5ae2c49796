package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.scene.PlyFeatureExport;
import org.gags.spark.SparkSessions;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.FieldRow;
import org.gags.store.rows.SceneRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags export-ply}: a scene's splat PLY with its distilled field as {@code semantic_0..15}. */
@Command(
    name = "export-ply",
    mixinStandardHelpOptions = true,
    description = {"Writes a scene's PLY with the distilled language field appended to every Gaussian as semantic_0..15,",
        "as the reference's feature checkpoints store it (every original property kept)."})
final class ExportPlyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run-out", required = true, description = "A run's output folder (the --out of run, or OUT/run of demo).")
  String runOut;

  @Option(names = "--scene", required = true, description = "Scene id.")
  String scene;

  @Option(names = "--out", required = true, description = "Output PLY file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.getOrCreate("gags export-ply", "local[2]");
    try {
      TableStore store = new TableStore(runOut, spark.sparkContext().hadoopConfiguration());
      if (store.marker(Tables.FIELD, scene) == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--run-out: expected a committed field table for"
            + " scene " + scene + " under " + runOut + ", found none (run the distill stage first)");
      }
      SceneRow s = SceneRow.from(store.read(spark, Tables.SCENES, scene).first());
      int n = Math.toIntExact(s.gaussians());
      float[] features = FieldRow.matrix(store.read(spark, Tables.FIELD, scene).toLocalIterator(), n, scene);
      int dim = features.length / n;
      Path ply = org.gags.spark.SceneStaging.local(s.plyUri(), org.gags.spark.SceneStaging.fsSettings(
          spark.sparkContext().hadoopConfiguration()));
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      PlyFeatureExport.write(ply, out.toAbsolutePath(), features, dim);
      System.out.printf("%s: scene %s, %,d Gaussians with %s0..%d%n", out, scene, n, PlyFeatureExport.PREFIX, dim - 1);
      return 0;
    } finally {
      if (ownSession && SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
  }
}
