package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.testing.DomTags;
import org.gags.testing.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page in a real headless Chromium (skipped where none is installed): it loads offline
 * with no script error, its scripts run, the metrics the browser sees are the records given, and
 * every heatmap decodes at its size. Two controls show the checks can fail: a page with a thrown
 * error and a page with a missing image. Tagged "it": it drives an external program (about a
 * second per page), which the plain-Java unit tier does not.
 */
@Tag("it")
class HtmlReportBrowserIT {
  @TempDir Path dir;
  static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = HeadlessChromium.findOrSkip();
  }

  @Test
  void thePageLoadsCleanlyAndShowsTheRecordsGiven() throws Exception {
    HtmlReport.Run run = ReportFixture.run(dir);
    Path page = dir.resolve("report.html");
    HtmlReport.write(page, run);
    HeadlessChromium.Page loaded = HeadlessChromium.load(chromium, page, dir.resolve("browser"));
    String dom = loaded.dom();

    assertEquals("", DomTags.all(dom, "html").get(0).attr("data-errors"), "script errors");
    assertEquals(List.of(), consoleErrors(loaded.log()), "console errors");
    assertEquals("1", DomTags.all(dom, "body").get(0).attr("data-ready"), "the page's scripts ran to the end");

    Map<String, DomTags.Element> macc = byScene(DomTags.withClass(dom, "td", "macc"));
    Map<String, DomTags.Element> miou = byScene(DomTags.withClass(dom, "td", "miou"));
    Map<String, DomTags.Element> pairs = byScene(DomTags.withClass(dom, "td", "pairs"));
    Map<String, DomTags.Element> hits = byScene(DomTags.withClass(dom, "td", "hits"));
    Map<String, DomTags.Element> missing = byScene(DomTags.withClass(dom, "td", "missing"));
    List<String> scenes = new ArrayList<>();
    double accSum = 0;
    double iouSum = 0;
    for (SceneScores s : run.scenes()) {
      Metrics m = s.metrics();
      scenes.add(s.scene());
      assertEquals(m.mAcc(), Double.parseDouble(macc.get(s.scene()).attr("data-macc")), s.scene());
      assertEquals(m.mIoU(), Double.parseDouble(miou.get(s.scene()).attr("data-miou")), s.scene());
      assertEquals(Html.percent(m.mAcc()), macc.get(s.scene()).text());
      assertEquals(String.valueOf(m.pairs()), pairs.get(s.scene()).text());
      assertEquals(String.valueOf(m.hits()), hits.get(s.scene()).text());
      assertEquals(String.valueOf(s.missing().size()), missing.get(s.scene()).text());
      accSum += m.mAcc();
      iouSum += m.mIoU();
    }
    scenes.add("mean of scenes");
    assertEquals(scenes, new ArrayList<>(macc.keySet()), "one row per scene, then the mean, in order");
    assertEquals(accSum / 2, Double.parseDouble(macc.get("mean of scenes").attr("data-macc")));
    assertEquals(iouSum / 2, Double.parseDouble(miou.get("mean of scenes").attr("data-miou")));
    assertEquals(1.0, Double.parseDouble(macc.get("synthetic").attr("data-macc")), "both synthetic queries hit");
    assertEquals(2.0 / 3, Double.parseDouble(macc.get(ReportFixture.ODD_SCENE).attr("data-macc")));

    List<DomTags.Element> bars = DomTags.withClass(dom, "rect", "bar");
    assertEquals(4, bars.size());
    for (DomTags.Element b : bars) {
      Metrics m = run.scenes().stream().filter(s -> s.scene().equals(b.attr("data-scene"))).findFirst()
          .orElseThrow().metrics();
      double expected = b.attr("data-metric").equals("macc") ? m.mAcc() : m.mIoU();
      assertEquals(expected, Double.parseDouble(b.attr("data-value")));
      assertEquals(expected * 300, Double.parseDouble(b.attr("width")), 1e-9);
    }

    Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
    String table = dom.substring(dom.indexOf("<table id=\"latency\">"));
    table = table.substring(0, table.indexOf("</table>"));
    for (String row : table.split("<tr data-stage=\"")) {
      if (row.startsWith("render") || row.startsWith("decode") || row.startsWith("score")) {
        String stage = row.substring(0, row.indexOf('"'));
        Map<String, Double> cells = new LinkedHashMap<>();
        for (DomTags.Element td : DomTags.all(row, "td")) {
          if (td.attr("class") != null) {
            cells.put(td.attr("class"), Double.parseDouble(td.attr("data-value")));
          }
        }
        latency.put(stage, cells);
      }
    }
    assertEquals(Map.of("mean", 70 / 3.0, "p50", 20.0, "max", 40.0), latency.get("render"));
    assertEquals(Map.of("mean", 1.5, "p50", 1.5, "max", 2.5), latency.get("decode"));
    assertEquals(LatencyStats.of(run.timings().stream().mapToDouble(FrameTiming::scoreMs).toArray()).max(),
        latency.get("score").get("max"));

    Map<String, String> config = new LinkedHashMap<>();
    for (DomTags.Element li : DomTags.all(dom, "li")) {
      if (li.attr("data-key") != null) {
        config.put(li.attr("data-key"), li.attr("data-value"));
      }
    }
    assertEquals(run.config(), config);

    List<DomTags.Element> figures = DomTags.withClass(dom, "figure", "heatmap");
    List<DomTags.Element> imgs = DomTags.all(dom, "img");
    assertEquals(run.heatmaps().size(), figures.size());
    assertEquals(run.heatmaps().size(), imgs.size());
    for (int i = 0; i < imgs.size(); i++) {
      HeatmapLink l = run.heatmaps().get(i);
      assertEquals(l.category(), figures.get(i).attr("data-category"));
      assertEquals(l.href(), imgs.get(i).attr("src"));
      assertEquals(String.valueOf(SyntheticQueryFrame.W), imgs.get(i).attr("data-natural-width"), l.href());
      assertEquals(String.valueOf(SyntheticQueryFrame.H), imgs.get(i).attr("data-natural-height"), l.href());
    }
  }

  @Test
  void controlsAThrownErrorAndAMissingImageAreSeen() throws Exception {
    HtmlReport.Run run = ReportFixture.run(dir);
    Files.delete(dir.resolve(run.heatmaps().get(1).href()));
    String html = HtmlReport.render(run)
        .replace("</body>", "<script>throw new Error('control error');</script>\n</body>");
    Path page = dir.resolve("broken.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    HeadlessChromium.Page loaded = HeadlessChromium.load(chromium, page, dir.resolve("browser"));
    String errors = DomTags.all(loaded.dom(), "html").get(0).attr("data-errors");
    assertTrue(errors.contains("control error"), "recorded: '" + errors + "'");
    assertFalse(consoleErrors(loaded.log()).isEmpty(), "the console shows it too:\n" + loaded.log());
    List<DomTags.Element> imgs = DomTags.all(loaded.dom(), "img");
    assertEquals("64", imgs.get(0).attr("data-natural-width"));
    assertEquals("0", imgs.get(1).attr("data-natural-width"), "the missing image has no size");
  }

  /** Console lines Chromium logs for uncaught errors ({@code --enable-logging=stderr}). */
  static List<String> consoleErrors(String log) {
    return log.lines().filter(l -> l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error"))).toList();
  }

  static Map<String, DomTags.Element> byScene(List<DomTags.Element> cells) {
    Map<String, DomTags.Element> out = new LinkedHashMap<>();
    for (DomTags.Element e : cells) {
      out.put(e.attr("data-scene"), e);
    }
    return out;
  }
}
