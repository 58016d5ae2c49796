package org.gags.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gags.io.AtomicFiles;
import org.gags.io.Npy;
import org.gags.scene.LabelFile;
import org.gags.scene.LabelReader;

/**
 * Scores a folder of precomputed relevancy maps ({@link MapName}) against a folder of LERF-OVS
 * label files ({@code frame_*.json}, as the reference globs them), one {@link FrameScorer#score}
 * per (frame, category) of the labels. Every map must belong to a labelled frame and one of its
 * categories and match its size; a labelled pair without a map is listed as missing, never skipped
 * silently. Maps are read one at a time.
 */
public final class MapsEvaluation {
  /** The scores in label order (frame, then category as first seen), and the pairs with no map. */
  public record Result(List<PairScore> scores, List<String> missing) {
    public Result {
      scores = List.copyOf(scores);
      missing = List.copyOf(missing);
    }

    /** Labelled (frame, category) pairs: scored plus missing. */
    public int pairs() {
      return scores.size() + missing.size();
    }
  }

  private MapsEvaluation() {}

  /**
   * Scores every labelled pair.
   *
   * @throws EvalInputException for a map that is misnamed, of an unknown frame or category, of the
   *     wrong shape or holding a non-finite value, or for two label files of one frame
   * @throws org.gags.scene.SceneFormatException for a bad label file
   */
  public static Result run(Path maps, Path labels) {
    Map<Integer, Labelled> frames = readLabels(labels);
    Map<Integer, Map<String, Path>> mapFiles = listMaps(maps, frames);
    List<PairScore> scores = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Integer, Labelled> f : frames.entrySet()) {
      Labelled l = f.getValue();
      Map<String, Path> ofFrame = mapFiles.getOrDefault(f.getKey(), Map.of());
      for (String category : l.label.categories()) {
        Path map = ofFrame.get(category);
        if (map == null) {
          missing.add(l.stem() + " / " + category + " (no " + new MapName(f.getKey(), category).fileName() + ")");
          continue;
        }
        float[] v = readMap(map, l);
        FrameScore s =
            FrameScorer.score(v, l.label.width(), l.label.height(), l.label.objectsOf(category));
        scores.add(PairScore.of(l.stem(), category, s));
      }
    }
    return new Result(scores, missing);
  }

  /** Writes {@code frame,category,hit,iou} (hit as 1 or 0), one row per score, atomically. */
  public static void writeCsv(Path out, List<PairScore> scores) {
    StringBuilder csv = new StringBuilder("frame,category,hit,iou\n");
    for (PairScore s : scores) {
      csv.append(csvField(s.frame())).append(',').append(csvField(s.category())).append(',')
          .append(s.hit() ? 1 : 0).append(',').append(s.iou()).append('\n');
    }
    AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private record Labelled(Path file, LabelFile label) {
    String stem() {
      return PairScore.frameOf(label);
    }
  }

  private static Map<Integer, Labelled> readLabels(Path labels) {
    Map<Integer, Labelled> frames = new TreeMap<>();
    for (Path file : list(labels, "frame_*.json")) {
      LabelFile label = LabelReader.read(file);
      int number = label.frameIndex() + 1;
      Labelled before = frames.put(number, new Labelled(file, label));
      if (before != null) {
        throw new EvalInputException(
            file.toString(), "info.name", "one label file per frame",
            "frame " + number + " also labelled by " + before.file);
      }
    }
    return frames;
  }

  private static Map<Integer, Map<String, Path>> listMaps(Path maps, Map<Integer, Labelled> frames) {
    Map<Integer, Map<String, Path>> out = new TreeMap<>();
    for (Path file : list(maps, "*")) {
      MapName name;
      try {
        name = MapName.parse(file.getFileName().toString());
      } catch (EvalInputException e) {
        throw new EvalInputException(
            file.toString(), "file name", "a map named " + MapName.PATTERN_TEXT,
            "'" + file.getFileName() + "'");
      }
      if (!Files.isRegularFile(file)) {
        throw new EvalInputException(file.toString(), "file", "a regular .npy file", "a folder or special file");
      }
      Labelled l = frames.get(name.frameNumber());
      if (l == null) {
        throw new EvalInputException(
            file.toString(), "frame", "one of the labelled frames " + frameList(frames),
            "frame number " + name.frameNumber() + ", which no label file names");
      }
      if (!l.label.categories().contains(name.category())) {
        throw new EvalInputException(
            file.toString(), "category", "one of " + l.label.categories() + " (the categories of " + l.file + ")",
            "'" + name.category() + "'");
      }
      Path before = out.computeIfAbsent(name.frameNumber(), k -> new LinkedHashMap<>()).put(name.category(), file);
      if (before != null) {
        throw new EvalInputException(
            file.toString(), "file name", "one map per frame and category", "also " + before.getFileName());
      }
    }
    return out;
  }

  private static float[] readMap(Path file, Labelled l) {
    Npy.Array a;
    try {
      a = Npy.read(file);
    } catch (IOException e) {
      throw new EvalInputException(file.toString(), "content", "a float32 .npy array", e.getMessage());
    }
    int w = l.label.width();
    int h = l.label.height();
    int[] shape = a.shape();
    if (shape.length != 2 || shape[0] != h || shape[1] != w) {
      throw new EvalInputException(
          file.toString(), "shape", "(" + h + ", " + w + ") (height, width of " + l.file + ")",
          Arrays.toString(shape).replace('[', '(').replace(']', ')'));
    }
    float[] v = a.values();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new EvalInputException(
            file.toString(), "value at row " + (i / w) + ", column " + (i % w), "a finite number", String.valueOf(v[i]));
      }
    }
    return v;
  }

  private static String frameList(Map<Integer, Labelled> frames) {
    List<String> names = new ArrayList<>();
    for (Labelled l : frames.values()) {
      names.add(l.stem());
    }
    return names.toString();
  }

  private static List<Path> list(Path dir, String glob) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      for (Path p : s) {
        files.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }
}
