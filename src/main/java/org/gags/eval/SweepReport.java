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

  private SweepReport() {}

  public static String render(SweepSummary s) {
    StringBuilder h = new StringBuilder(16384);
    HtmlReportAssets.head(h, s.title(), "<style>td.best { background: #dff0d8; } td.failed { color: #b00; }"
        + " td.overrides { font-family: monospace; } td.overrides, th.overrides, td.computed { text-align: left; }</style>\n");
    sideBySide(h, s);
    bars(h, s);
    cells(h, s);
    failures(h, s.failures());
    h.append(HtmlReportAssets.READY_SCRIPT).append("</body>\n</html>\n");
    return h.toString();
  }

  private static void sideBySide(StringBuilder h, SweepSummary s) {
    h.append("<h2>Grid points (mAcc % / mIoU %)</h2>\n<table id=\"sweep\">\n<thead><tr><th>point</th>"
        + "<th class=\"overrides\">overrides</th>");
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
    Map<String, SweepSummary.Means> means = s.means();
    MetricBars.render(h, "Mean of scenes per grid point", "point", "point-bars", s.points().stream()
        .map(p -> new MetricBars.Row(p.name(), means.get(p.name()).mAcc(), means.get(p.name()).mIoU())).toList());
  }

  private static void cells(StringBuilder h, SweepSummary s) {
    h.append("<h2>Per point and scene</h2>\n<table id=\"cells\">\n<thead><tr><th>point</th><th>scene</th>"
        + "<th>mAcc %</th><th>mIoU %</th><th>pairs</th><th>hits</th><th>train s</th><th>query ms</th>"
        + "<th>computed here</th><th>compute s</th></tr></thead>\n<tbody>\n");
    for (SweepCell c : s.orderedCells()) {
      String ds = " data-point=\"" + Html.esc(c.point()) + "\" data-scene=\"" + Html.esc(c.scene()) + "\"";
      h.append("<tr class=\"cell\"").append(ds).append("><td>").append(Html.esc(c.point())).append("</td><td>")
          .append(Html.esc(c.scene())).append("</td>");
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
