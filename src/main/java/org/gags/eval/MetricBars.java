package org.gags.eval;

import java.util.List;

/**
 * The reports' {@code svg#bars}: per row (a scene of a run, a grid point of a sweep) an mAcc and an
 * mIoU bar, {@code rect.bar[data-<key>][data-metric][data-value]}, each labelled with its
 * percentage, then the legend.
 */
final class MetricBars {
  /** One row's label and values. */
  record Row(String key, double mAcc, double mIoU) {}

  private static final int BAR_WIDTH = 300;
  private static final int BAR_HEIGHT = 14;
  private static final int LABEL_WIDTH = 160;

  private MetricBars() {}

  /**
   * @param keyAttribute the data attribute that names a row ({@code scene} or {@code point})
   * @param groupClass the class of each row's {@code g}
   */
  static void render(StringBuilder h, String heading, String keyAttribute, String groupClass, List<Row> rows) {
    int rowHeight = 2 * BAR_HEIGHT + 8;
    h.append("<h2>").append(heading).append("</h2>\n<svg id=\"bars\" width=\"").append(LABEL_WIDTH + BAR_WIDTH + 100)
        .append("\" height=\"").append(Math.max(1, rows.size() * rowHeight)).append("\">\n");
    int y = 0;
    for (Row r : rows) {
      String key = " data-" + keyAttribute + "=\"" + Html.esc(r.key()) + "\"";
      h.append("<g class=\"").append(groupClass).append('"').append(key).append("><text x=\"0\" y=\"")
          .append(y + BAR_HEIGHT + 4).append("\">").append(Html.esc(r.key())).append("</text>\n");
      bar(h, key, "macc", r.mAcc(), y);
      bar(h, key, "miou", r.mIoU(), y + BAR_HEIGHT + 2);
      h.append("</g>\n");
      y += rowHeight;
    }
    h.append("</svg>\n<p class=\"legend\"><span class=\"key macc\"></span> mAcc <span class=\"key miou\"></span>"
        + " mIoU</p>\n");
  }

  private static void bar(StringBuilder h, String key, String metric, double v, int y) {
    double w = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v)) * BAR_WIDTH;
    h.append("<rect class=\"bar ").append(metric).append('"').append(key)
        .append(" data-metric=\"").append(metric).append("\" data-value=\"").append(Html.exact(v))
        .append("\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
        .append(Html.exact(w)).append("\" height=\"").append(BAR_HEIGHT).append("\"/><text x=\"")
        .append(LABEL_WIDTH + w + 4).append("\" y=\"").append(y + BAR_HEIGHT - 3).append("\">")
        .append(metric.equals("macc") ? "mAcc " : "mIoU ").append(Html.percent(v)).append("%</text>\n");
  }
}
