package org.gags.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gags.eval.MapName;
import org.gags.eval.MapsEvaluation;
import org.gags.eval.Metrics;
import org.gags.eval.PairScore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags eval-maps}: scores precomputed relevancy maps against LERF-OVS label files. */
@Command(
    name = "eval-maps",
    mixinStandardHelpOptions = true,
    description = {
      "Scores precomputed relevancy maps against LERF-OVS label files by the LERF / LangSplat "
          + "protocol GAGS reports: localisation accuracy (mAcc: the maximum of the 30x30 mean "
          + "of the map inside a box of the category) and mask IoU (mIoU: the blended, normalised "
          + "map above 0.4, 7x7 majority vote, against the filled polygons), exact to the "
          + "reference's OpenCV and float32 arithmetic.",
      "Maps: one float32 .npy (height x width of the label image) per frame and category, named "
          + MapName.PATTERN_TEXT + " (spaces in the category kept). Writes one CSV row "
          + "frame,category,hit,iou per pair and prints mAcc and mIoU per category, per frame and "
          + "overall. A labelled pair without a map is listed and the command exits 1."
    })
final class EvalMapsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--maps", required = true, description = "Folder of relevancy maps (" + MapName.PATTERN_TEXT + ").")
  Path maps;

  @Option(names = "--labels", required = true, description = "Folder of LERF-OVS label files (frame_*.json).")
  Path labels;

  @Option(names = "--out", required = true, description = "Output CSV file (frame,category,hit,iou).")
  Path out;

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    if (!Files.isDirectory(maps)) {
      throw new CommandLine.ParameterException(cl, "--maps " + maps + ": expected a folder of .npy maps, found "
          + (Files.exists(maps) ? "a file" : "nothing"));
    }
    if (!Files.isDirectory(labels)) {
      throw new CommandLine.ParameterException(cl, "--labels " + labels + ": expected a folder of frame_*.json label files, found "
          + (Files.exists(labels) ? "a file" : "nothing"));
    }
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      throw new CommandLine.ParameterException(cl, "--out " + out + ": expected a .csv file");
    }
    if (!hasLabelFiles(labels)) {
      throw new CommandLine.ParameterException(cl, "--labels " + labels + ": expected frame_*.json label files, found none");
    }
    MapsEvaluation.Result r = MapsEvaluation.run(maps, labels);
    MapsEvaluation.writeCsv(out, r.scores());
    PrintStream o = System.out;
    table(o, "category", Metrics.by(r.scores(), PairScore::category));
    table(o, "frame", Metrics.by(r.scores(), PairScore::frame));
    Metrics all = Metrics.of(r.scores());
    o.printf(Locale.ROOT, "overall: mAcc %.4f  mIoU %.4f  (%d pairs)%n", all.mAcc(), all.mIoU(), all.pairs());
    o.println("csv: " + out);
    if (!r.missing().isEmpty()) {
      PrintStream e = System.err;
      e.printf("gags eval-maps: %d of %d labelled (frame, category) pairs have no map; the metrics above "
          + "cover the %d scored pairs only:%n", r.missing().size(), r.pairs(), r.scores().size());
      for (String m : r.missing()) {
        e.println("  missing: " + m);
      }
      return 1;
    }
    return 0;
  }

  private static boolean hasLabelFiles(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "frame_*.json")) {
      return s.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void table(PrintStream o, String key, Map<String, Metrics> rows) {
    int width = key.length();
    for (String k : rows.keySet()) {
      width = Math.max(width, k.length());
    }
    o.printf(Locale.ROOT, "%-" + width + "s  %5s  %6s  %6s%n", key, "pairs", "mAcc", "mIoU");
    for (Map.Entry<String, Metrics> e : rows.entrySet()) {
      Metrics m = e.getValue();
      o.printf(Locale.ROOT, "%-" + width + "s  %5d  %6.4f  %6.4f%n", e.getKey(), m.pairs(), m.mAcc(), m.mIoU());
    }
  }
}
