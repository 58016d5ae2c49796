package org.gags.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep's outcome as plain text: a table with the grid points side by side (one line per point,
 * mAcc/mIoU in percent per scene and their means, for a terminal) and a CSV with one line per
 * (point, scene) for tools.
 */
public final class SweepTable {
  /** The CSV header; the columns follow {@code sweep_metrics}. */
  public static final String CSV_HEADER =
      "point,scene_id,overrides,m_acc,m_iou,pairs,hits,train_seconds,query_ms,computed,compute_seconds";

  private SweepTable() {}

  /** One line per point: name, per scene "mAcc/mIoU" (or "failed", "-"), means, scenes scored, costs, overrides. */
  public static String text(SweepSummary s) {
    List<String> header = new ArrayList<>(List.of("point"));
    s.scenes().forEach(header::add);
    header.addAll(List.of(SweepReport.MEAN, "scored", "train s", "query ms", "overrides"));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    Map<String, SweepSummary.Means> means = s.means();
    for (SweepSummary.Point p : s.points()) {
      List<String> row = new ArrayList<>(List.of(p.name()));
      for (String scene : s.scenes()) {
        SweepCell c = s.cell(p.name(), scene);
        row.add(c != null ? pair(c.mAcc(), c.mIoU()) : s.failure(p.name(), scene) != null ? "failed" : "-");
      }
      SweepSummary.Means m = means.get(p.name());
      row.add(pair(m.mAcc(), m.mIoU()));
      row.add(m.scenesScored() + "/" + s.scenes().size());
      row.add(Html.millis(m.trainSeconds()));
      row.add(Html.millis(m.queryMs()));
      row.add(p.overrides().isEmpty() ? "(base config)" : p.overrides());
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        boolean left = i == 0 || i == r.size() - 1;
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? "" : "  ").append(left ? cell + (i == r.size() - 1 ? "" : pad) : pad + cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    sb.append("(mAcc/mIoU in %; ").append(SweepReport.MEAN).append(" over the scenes with labelled pairs)\n");
    return sb.toString();
  }

  /** One line per scored (point, scene), grid order then scene order, after {@link #CSV_HEADER}. */
  public static String csv(SweepSummary s) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    Map<String, String> overrides = new java.util.HashMap<>();
    s.points().forEach(p -> overrides.put(p.name(), p.overrides()));
    for (SweepCell c : s.orderedCells()) {
      sb.append(String.join(",", quote(c.point()), quote(c.scene()), quote(overrides.get(c.point())), Html.exact(c.mAcc()),
          Html.exact(c.mIoU()), String.valueOf(c.pairs()), String.valueOf(c.hits()), Html.exact(c.trainSeconds()),
          Html.exact(c.queryMs()), quote(String.join(" ", c.computed())), Html.exact(c.computeSeconds()))).append('\n');
    }
    return sb.toString();
  }

  private static String pair(double acc, double iou) {
    return Html.percent(acc) + "/" + Html.percent(iou);
  }

  /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
  static String quote(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
