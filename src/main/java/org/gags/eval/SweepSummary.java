package org.gags.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a sweep report shows: the grid points in grid order, the sweep's scenes, one {@link
 * SweepCell} per scored (point, scene), and the (point, scene) pairs that failed. Each point's
 * means are over its scenes with labelled pairs (the papers' "mean of scenes").
 */
public record SweepSummary(String title, List<Point> points, List<String> scenes, List<SweepCell> cells,
    List<Failure> failures) {
  /** A grid point: its name, overrides as the grid line gives them, and its eval stage's config hash. */
  public record Point(String name, String overrides, String evalHash) {}

  /** A (point, scene) that failed in this sweep run: the stage and the error. */
  public record Failure(String point, String scene, String stage, String error) {}

  /** A point's means over its scenes with pairs, and its mean costs over the scenes that have them. */
  public record Means(double mAcc, double mIoU, int scenesScored, double trainSeconds, double queryMs) {}

  public SweepSummary {
    points = List.copyOf(points);
    scenes = List.copyOf(scenes);
    cells = List.copyOf(cells);
    failures = List.copyOf(failures);
  }

  /** The cell of (point, scene), or null when there is none. */
  public SweepCell cell(String point, String scene) {
    for (SweepCell c : cells) {
      if (c.point().equals(point) && c.scene().equals(scene)) {
        return c;
      }
    }
    return null;
  }

  /** The cells of the sweep's points and scenes, in grid order and then scene order. */
  public List<SweepCell> orderedCells() {
    List<SweepCell> out = new ArrayList<>();
    for (Point p : points) {
      for (String s : scenes) {
        SweepCell c = cell(p.name(), s);
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The failure of (point, scene), or null. */
  public Failure failure(String point, String scene) {
    for (Failure f : failures) {
      if (f.point().equals(point) && f.scene().equals(scene)) {
        return f;
      }
    }
    return null;
  }

  /** Each point's means, by point name in grid order. */
  public Map<String, Means> means() {
    Map<String, Means> out = new java.util.LinkedHashMap<>();
    for (Point p : points) {
      List<SweepCell> mine = new ArrayList<>();
      for (String s : scenes) {
        SweepCell c = cell(p.name(), s);
        if (c != null) {
          mine.add(c);
        }
      }
      List<SweepCell> scored = mine.stream().filter(c -> c.pairs() > 0).toList();
      out.put(p.name(), new Means(mean(scored, SweepCell::mAcc), mean(scored, SweepCell::mIoU), scored.size(),
          mean(mine, SweepCell::trainSeconds), mean(mine, SweepCell::queryMs)));
    }
    return out;
  }

  /**
   * The point with the highest mean of {@code metric} ({@code macc} or {@code miou}), the first in
   * grid order on a tie; null when no point has one.
   */
  public String best(String metric) {
    String best = null;
    double top = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, Means> e : means().entrySet()) {
      double v = metric.equals("macc") ? e.getValue().mAcc() : e.getValue().mIoU();
      if (!Double.isNaN(v) && v > top) {
        top = v;
        best = e.getKey();
      }
    }
    return best;
  }

  /** The mean of the values that are numbers (a scene without labelled frames has no query time). */
  private static double mean(List<SweepCell> cells, java.util.function.ToDoubleFunction<SweepCell> f) {
    return cells.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }
}
