package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.io.ImageFiles;
import org.gags.scene.RgbImage;
import org.gags.prompt.SegmentOverlay;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;
import org.gags.segment.SegmentMap;
import org.gags.spark.ModelFiles;
import org.gags.spark.SparkSessions;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags segments}: draws one view's segment map of one level over its photo. */
@Command(
    name = "segments",
    mixinStandardHelpOptions = true,
    description = {
      "Draws one view's segment map at one level (s, m or l) in colours over its photo.",
      "Reads the segments and views tables of a run's output, paints the level's masks in kept "
          + "order (later over earlier, as the distillation sees them), blends each segment's colour "
          + "over the photo and outlines the segments. Pixels in no segment keep the photo, darkened."
    })
final class SegmentsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scene-out", required = true, description = "A run's output folder (the --out of run, or OUT/run of demo).")
  String sceneOut;

  @Option(names = "--scene", description = "Scene id; may be left out when the output holds one scene.")
  String scene;

  @Option(names = "--view", required = true, description = "View index (0-based, image-name order).")
  int view;

  @Option(names = "--level", required = true, description = "s (sub-part), m (part) or l (whole).")
  String level;

  @Option(names = "--out", required = true, description = "Output PNG file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!List.of("s", "m", "l").contains(level)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--level: expected s, m or l, found " + level);
    }
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.getOrCreate("gags segments", "local[1]");
    try {
      TableStore store = new TableStore(sceneOut, spark.sparkContext().hadoopConfiguration());
      String id = scene != null ? scene : onlyScene(store);
      if (store.marker(Tables.SEGMENTS, id) == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--scene-out: expected a committed segments table"
            + " for scene " + id + " under " + sceneOut + ", found none (run the segment stage first)");
      }
      List<Row> views = store.read(spark, Tables.VIEWS, id).filter("view_index = " + view).collectAsList();
      if (views.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--view: expected a view index of scene " + id
            + ", found " + view);
      }
      Row v = views.get(0);
      int w = v.getInt(v.fieldIndex("width"));
      int h = v.getInt(v.fieldIndex("height"));
      RgbImage photo = RgbImage.decode(v.getString(v.fieldIndex("image_uri")),
          ModelFiles.readBytes(v.getString(v.fieldIndex("image_uri")), java.util.Map.of()));
      List<Row> rows = store.read(spark, Tables.SEGMENTS, id)
          .filter("view_index = " + view + " and level = '" + level + "'").orderBy("segment_id").collectAsList();
      List<BitMask> masks = rows.stream().map(r -> MaskRle.decode((byte[]) r.get(r.fieldIndex("mask")), w, h)).toList();
      int[] map = SegmentMap.paint(w, h, masks).toArray();
      Files.createDirectories(out.toAbsolutePath().getParent());
      ImageFiles.writePng(out, SegmentOverlay.draw(photo, map));
      System.out.printf("%s: scene %s view %d level %s, %d segments%n", out, id, view, level, rows.size());
      return 0;
    } finally {
      if (ownSession && SparkSessions.isLocal(spark)) {
        spark.stop();
      }
    }
  }

  private String onlyScene(TableStore store) throws java.io.IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(store.root() + "/" + Tables.SEGMENTS.name());
    if (!store.fileSystem().exists(dir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scene-out: expected a segments table under "
          + sceneOut + ", found none (run the segment stage first)");
    }
    List<String> ids = java.util.Arrays.stream(store.fileSystem().listStatus(dir))
        .map(s -> s.getPath().getName()).filter(n -> n.startsWith("scene_id=")).map(n -> n.substring(9)).sorted().toList();
    if (ids.size() != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scene: expected one of " + ids
          + " (the output holds " + ids.size() + " scenes)");
    }
    return ids.get(0);
  }
}
