package org.gags.eval;

import java.util.List;
import java.util.Map;

/**
 * One offline HTML page per sweep run that puts the grid points side by side (no external scripts,
 * styles or fonts, the assets of {@link HtmlReport}). Stable ids and data attributes for tests and
 * tools: {@code table#sweep} has one {@code tr.point[data-point]} per grid point, in grid order,
 * with {@code td.overrides}, per scene {@code td.macc[data-point][data-scene][data-macc]} and
 * {@code td.miou[...][data-miou]} (or {@code td.failed} / {@code td.missing} with {@code
 * data-scene}), then the point's means with {@code data-scene="mean of scenes"} (class {@code best}
 * on the highest mean), {@code td.scenes-scored}, {@code td.train-seconds[data-value]}, {@code
 * td.query-ms[data-value]}; {@code svg#bars} with {@code rect.bar[data-point][data-metric][data-value]}
 * for the means; {@code table#cells} with one {@code tr.cell[data-point][data-scene]} per scored
 * (point, scene) and its costs and computed stages; {@code ul#failures} items {@code
 * li[data-point][data-scene][data-stage]}. Script errors land in {@code html[data-errors]} and
 * {@code body[data-ready=1]} is set once the scripts ran.
 */
public final class SweepReport {
  /** What {@code data-scene} holds in a point's mean cells. */
  public static final String MEAN = "mean of scenes";
  private static final int BAR_WIDTH = 300;
  private static final int BAR_HEIGHT = 14;
  private static final int LABEL_WIDTH = 160;

  private SweepReport() {}

  public static String render(SweepSummary s) {
    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.esc(s.title())).append("</title>\n").append(HtmlReportAssets.ERROR_SCRIPT)
        .append(HtmlReportAssets.STYLE).append("<style>td.best { background: #dff0d8; } td.failed { color: #b00; }"
            + " td.overrides { text-align: left; font-family: monospace; }</style>\n</head>\n<body data-ready=\"0\">\n"
            + "<h1 id=\"title\">").append(Html.esc(s.title())).append("</h1>\n");
    sideBySide(h, s);
    bars(h, s);
    cells(h, s);
    failures(h, s.failures());
    h.append(HtmlReportAssets.READY_SCRIPT).append("</body>\n</html>\n");
    return h.toString();
  }

  private static void sideBySide(StringBuilder h, SweepSummary s) {
    h.append("<h2>Grid points (mAcc % / mIoU %)</h2>\n<table id=\"sweep\">\n<thead><tr><th>point</th><th>overrides</th>");
    for (String scene : s.scenes()) {
      h.append("<th colspan=\"2\" data-scene=\"").append(Html.esc(scene)).append("\">").append(Html.esc(scene))
          .append("</th>");
    }
    h.append("<th colspan=\"2\">").append(MEAN).append("</th><th>scenes scored</th><th>train s</th><th>query ms</th>"
        + "</tr></thead>\n<tbody>\n");
    Map<String, SweepSummary.Means> means = s.means();
    String bestAcc = s.best("macc");
    String bestIou = s.best("miou");
    for (SweepSummary.Point p : s.points()) {
      String dp = " data-point=\"" + Html.esc(p.name()) + "\"";
      h.append("<tr class=\"point\"").append(dp).append("><td class=\"point-name\"").append(dp).append('>')
          .append(Html.esc(p.name())).append("</td><td class=\"overrides\"").append(dp).append('>')
          .append(Html.esc(p.overrides())).append("</td>");
      for (String scene : s.scenes()) {
        SweepCell c = s.cell(p.name(), scene);
        SweepSummary.Failure f = s.failure(p.name(), scene);
        String ds = dp + " data-scene=\"" + Html.esc(scene) + "\"";
        if (c != null) {
          metric(h, "macc", ds, c.mAcc(), false);
          metric(h, "miou", ds, c.mIoU(), false);
        } else if (f != null) {
          h.append("<td colspan=\"2\" class=\"failed\"").append(ds).append(" title=\"").append(Html.esc(f.error()))
              .append("\">failed in ").append(Html.esc(f.stage())).append("</td>");
        } else {
          h.append("<td colspan=\"2\" class=\"missing\"").append(ds).append(">not scored</td>");
        }
      }
      SweepSummary.Means m = means.get(p.name());
      String dm = dp + " data-scene=\"" + MEAN + "\"";
      metric(h, "macc", dm, m.mAcc(), p.name().equals(bestAcc));
      metric(h, "miou", dm, m.mIoU(), p.name().equals(bestIou));
      h.append("<td class=\"scenes-scored\"").append(dp).append('>').append(m.scenesScored()).append('/')
          .append(s.scenes().size()).append("</td>");
      number(h, "train-seconds", dp, m.trainSeconds());
      number(h, "query-ms", dp, m.queryMs());
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void metric(StringBuilder h, String cls, String attrs, double v, boolean best) {
    h.append("<td class=\"").append(cls).append(best ? " best" : "").append('"').append(attrs).append(" data-")
        .append(cls).append("=\"").append(Html.exact(v)).append("\">").append(Html.percent(v)).append("</td>");
  }

  private static void number(StringBuilder h, String cls, String attrs, double v) {
    h.append("<td class=\"").append(cls).append('"').append(attrs).append(" data-value=\"").append(Html.exact(v))
        .append("\">").append(Html.millis(v)).append("</td>");
  }

  private static void bars(StringBuilder h, SweepSummary s) {
    int rowHeight = 2 * BAR_HEIGHT + 8;
    h.append("<h2>Mean of scenes per grid point</h2>\n<svg id=\"bars\" width=\"").append(LABEL_WIDTH + BAR_WIDTH + 100)
        .append("\" height=\"").append(Math.max(1, s.points().size() * rowHeight)).append("\">\n");
    int y = 0;
    Map<String, SweepSummary.Means> means = s.means();
    for (SweepSummary.Point p : s.points()) {
      String name = Html.esc(p.name());
      h.append("<g class=\"point-bars\" data-point=\"").append(name).append("\"><text x=\"0\" y=\"")
          .append(y + BAR_HEIGHT + 4).append("\">").append(name).append("</text>\n");
      bar(h, name, "macc", means.get(p.name()).mAcc(), y);
      bar(h, name, "miou", means.get(p.name()).mIoU(), y + BAR_HEIGHT + 2);
      h.append("</g>\n");
      y += rowHeight;
    }
    h.append("</svg>\n<p class=\"legend\"><span class=\"key macc\"></span> mAcc <span class=\"key miou\"></span>"
        + " mIoU</p>\n");
  }

  private static void bar(StringBuilder h, String point, String metric, double v, int y) {
    double w = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v)) * BAR_WIDTH;
    h.append("<rect class=\"bar ").append(metric).append("\" data-point=\"").append(point).append("\" data-metric=\"")
        .append(metric).append("\" data-value=\"").append(Html.exact(v)).append("\" x=\"").append(LABEL_WIDTH)
        .append("\" y=\"").append(y).append("\" width=\"").append(Html.exact(w)).append("\" height=\"")
        .append(BAR_HEIGHT).append("\"/><text x=\"").append(LABEL_WIDTH + w + 4).append("\" y=\"")
        .append(y + BAR_HEIGHT - 3).append("\">").append(metric.equals("macc") ? "mAcc " : "mIoU ")
        .append(Html.percent(v)).append("%</text>\n");
  }

  private static void cells(StringBuilder h, SweepSummary s) {
    h.append("<h2>Per point and scene</h2>\n<table id=\"cells\">\n<thead><tr><th>point</th><th>scene</th>"
        + "<th>mAcc %</th><th>mIoU %</th><th>pairs</th><th>hits</th><th>train s</th><th>query ms</th>"
        + "<th>computed here</th><th>compute s</th></tr></thead>\n<tbody>\n");
    for (SweepSummary.Point p : s.points()) {
      for (String scene : s.scenes()) {
        SweepCell c = s.cell(p.name(), scene);
        if (c == null) {
          continue;
        }
        String ds = " data-point=\"" + Html.esc(p.name()) + "\" data-scene=\"" + Html.esc(scene) + "\"";
        h.append("<tr class=\"cell\"").append(ds).append("><td>").append(Html.esc(p.name())).append("</td><td>")
            .append(Html.esc(scene)).append("</td>");
        metric(h, "macc", ds, c.mAcc(), false);
        metric(h, "miou", ds, c.mIoU(), false);
        h.append("<td class=\"pairs\">").append(c.pairs()).append("</td><td class=\"hits\">").append(c.hits())
            .append("</td>");
        number(h, "train-seconds", ds, c.trainSeconds());
        number(h, "query-ms", ds, c.queryMs());
        h.append("<td class=\"computed\"").append(ds).append('>')
            .append(Html.esc(c.computed().isEmpty() ? "nothing (shared)" : String.join(", ", c.computed())))
            .append("</td>");
        number(h, "compute-seconds", ds, c.computeSeconds());
        h.append("</tr>\n");
      }
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void failures(StringBuilder h, List<SweepSummary.Failure> failures) {
    h.append("<h2>Failures (").append(failures.size()).append(")</h2>\n<ul id=\"failures\">\n");
    for (SweepSummary.Failure f : failures) {
      h.append("<li data-point=\"").append(Html.esc(f.point())).append("\" data-scene=\"").append(Html.esc(f.scene()))
          .append("\" data-stage=\"").append(Html.esc(f.stage())).append("\">").append(Html.esc(f.point()))
          .append(" on ").append(Html.esc(f.scene())).append(": failed in ").append(Html.esc(f.stage())).append(": ")
          .append(Html.esc(f.error())).append("</li>\n");
    }
    h.append("</ul>\n");
  }
}
