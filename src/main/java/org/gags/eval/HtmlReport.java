package org.gags.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.gags.io.AtomicFiles;

/**
 * One offline HTML page per query run: the metrics table, bars per scene, the query latency
 * summary, the run's config and the heatmaps. No external scripts, styles or fonts; heatmaps are
 * relative links or data URIs ({@link HeatmapLink}). Elements have stable ids and data attributes
 * for tests and tools: {@code table#metrics} rows {@code tr.scene} (and one {@code tr.mean}, the
 * mean of the scenes' mAcc and mIoU as the papers report) with cells {@code td.macc[data-macc]},
 * {@code td.miou[data-miou]}, {@code td.pairs}, {@code td.hits}, {@code td.missing}, each carrying
 * {@code data-scene}; {@code svg#bars} with {@code rect.bar[data-scene][data-metric][data-value]};
 * {@code table#latency} rows {@code tr[data-stage]}; {@code ul#config} items {@code li[data-key]};
 * {@code figure.heatmap[data-scene][data-frame][data-category]} around each image. A small inline
 * script records script errors in {@code html[data-errors]}, each image's natural size in {@code
 * img[data-natural-width]} once it has loaded (or failed), and then sets {@code body[data-ready=1]}.
 */
public final class HtmlReport {
  /** What one page shows. */
  public record Run(String title, List<SceneScores> scenes, Map<String, String> config, List<HeatmapLink> heatmaps,
      List<FrameTiming> timings) {
    public Run {
      scenes = List.copyOf(scenes);
      config = new TreeMap<>(config);
      heatmaps = List.copyOf(heatmaps);
      timings = List.copyOf(timings);
    }
  }

  private HtmlReport() {}

  /** Writes the page atomically. */
  public static void write(Path file, Run run) {
    AtomicFiles.writeString(file, render(run));
  }

  public static String render(Run run) {
    StringBuilder h = new StringBuilder(16384);
    HtmlReportAssets.head(h, run.title(), "");
    metrics(h, run.scenes());
    bars(h, run.scenes());
    latency(h, run.timings());
    config(h, run.config());
    heatmaps(h, run.heatmaps());
    h.append(HtmlReportAssets.READY_SCRIPT).append("</body>\n</html>\n");
    return h.toString();
  }

  private static void metrics(StringBuilder h, List<SceneScores> scenes) {
    h.append("<h2>Metrics</h2>\n<table id=\"metrics\">\n<thead><tr><th>scene</th><th>mAcc %</th><th>mIoU %</th>"
        + "<th>pairs</th><th>hits</th><th>missing</th></tr></thead>\n<tbody>\n");
    double accSum = 0;
    double iouSum = 0;
    List<PairScore> all = new ArrayList<>();
    int missing = 0;
    for (SceneScores s : scenes) {
      Metrics m = s.metrics();
      row(h, "scene", s.scene(), m.mAcc(), m.mIoU(), m.pairs(), m.hits(), s.missing().size());
      accSum += m.mAcc();
      iouSum += m.mIoU();
      all.addAll(s.scores());
      missing += s.missing().size();
    }
    if (!scenes.isEmpty()) {
      Metrics total = Metrics.of(all);
      row(h, "mean", "mean of scenes", accSum / scenes.size(), iouSum / scenes.size(), total.pairs(), total.hits(),
          missing);
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void row(StringBuilder h, String cls, String scene, double acc, double iou, int pairs, int hits,
      int missing) {
    String ds = " data-scene=\"" + Html.esc(scene) + "\"";
    h.append("<tr class=\"").append(cls).append('"').append(ds).append("><td class=\"scene-name\"").append(ds)
        .append('>').append(Html.esc(scene)).append("</td><td class=\"macc\"").append(ds).append(" data-macc=\"")
        .append(Html.exact(acc)).append("\">").append(Html.percent(acc)).append("</td><td class=\"miou\"").append(ds)
        .append(" data-miou=\"").append(Html.exact(iou)).append("\">").append(Html.percent(iou))
        .append("</td><td class=\"pairs\"").append(ds).append('>').append(pairs).append("</td><td class=\"hits\"")
        .append(ds).append('>').append(hits).append("</td><td class=\"missing\"").append(ds).append('>')
        .append(missing).append("</td></tr>\n");
  }

  private static void bars(StringBuilder h, List<SceneScores> scenes) {
    MetricBars.render(h, "Per scene", "scene", "scene-bars", scenes.stream()
        .map(s -> new MetricBars.Row(s.scene(), s.metrics().mAcc(), s.metrics().mIoU())).toList());
  }

  private static void latency(StringBuilder h, List<FrameTiming> timings) {
    h.append("<h2>Query latency per frame (ms, ").append(timings.size()).append(" frames)</h2>\n")
        .append("<table id=\"latency\">\n<thead><tr><th>stage</th><th>mean</th><th>p50</th><th>max</th></tr></thead>"
            + "\n<tbody>\n");
    stage(h, "render", timings, FrameTiming::renderMs);
    stage(h, "decode", timings, FrameTiming::decodeMs);
    stage(h, "score", timings, FrameTiming::scoreMs);
    h.append("</tbody>\n</table>\n");
  }

  private static void stage(StringBuilder h, String stage, List<FrameTiming> timings,
      ToDoubleFunction<FrameTiming> ms) {
    LatencyStats s = LatencyStats.of(timings.stream().mapToDouble(ms).toArray());
    h.append("<tr data-stage=\"").append(stage).append("\"><td>").append(stage).append("</td>");
    for (String[] cell : new String[][] {{"mean", Html.exact(s.mean()), Html.millis(s.mean())},
        {"p50", Html.exact(s.p50()), Html.millis(s.p50())}, {"max", Html.exact(s.max()), Html.millis(s.max())}}) {
      h.append("<td class=\"").append(cell[0]).append("\" data-value=\"").append(cell[1]).append("\">")
          .append(cell[2]).append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void config(StringBuilder h, Map<String, String> config) {
    h.append("<h2>Config</h2>\n<ul id=\"config\">\n");
    config.forEach((k, v) -> h.append("<li data-key=\"").append(Html.esc(k)).append("\" data-value=\"")
        .append(Html.esc(v)).append("\"><code>").append(Html.esc(k)).append('=').append(Html.esc(v))
        .append("</code></li>\n"));
    h.append("</ul>\n");
  }

  private static void heatmaps(StringBuilder h, List<HeatmapLink> links) {
    h.append("<h2>Heatmaps</h2>\n<div id=\"heatmaps\">\n");
    List<String> seen = new ArrayList<>();
    for (HeatmapLink l : links) {
      if (!seen.contains(l.scene())) {
        seen.add(l.scene());
        h.append("<h3 class=\"heatmap-scene\" data-scene=\"").append(Html.esc(l.scene())).append("\">")
            .append(Html.esc(l.scene())).append("</h3>\n");
      }
      String caption = l.frame() + " · " + l.category();
      h.append("<figure class=\"heatmap\" data-scene=\"").append(Html.esc(l.scene())).append("\" data-frame=\"")
          .append(Html.esc(l.frame())).append("\" data-category=\"").append(Html.esc(l.category()))
          .append("\"><img src=\"").append(Html.esc(l.href())).append("\" alt=\"").append(Html.esc(caption))
          .append("\"><figcaption>").append(Html.esc(caption)).append("</figcaption></figure>\n");
    }
    h.append("</div>\n");
  }
}
