package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gags.testing.DomTags;
import org.gags.testing.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep report in a real headless Chromium (skipped where none is installed): it loads offline
 * with no script error, its scripts run to the end, and the cells and bars the browser sees are
 * the summary's values; a control page with a thrown error shows the check can fail.
 */
@Tag("it")
class SweepReportBrowserIT {
  @TempDir Path dir;
  static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = HeadlessChromium.findOrSkip();
  }

  @Test
  void thePageLoadsCleanlyAndShowsTheSummarysValues() throws Exception {
    SweepSummary s = SweepFixture.summary();
    Path page = Files.writeString(dir.resolve("sweep.html"), SweepReport.render(s), StandardCharsets.UTF_8);
    HeadlessChromium.Page loaded = HeadlessChromium.load(chromium, page, dir.resolve("browser"));
    String dom = loaded.dom();
    assertEquals("", DomTags.all(dom, "html").get(0).attr("data-errors"), "script errors");
    assertEquals(List.of(), HtmlReportBrowserIT.consoleErrors(loaded.log()), "console errors");
    assertEquals("1", DomTags.all(dom, "body").get(0).attr("data-ready"), "the page's scripts ran to the end");

    assertEquals(List.of("gad", "avg", "none"), DomTags.withClass(dom, "tr", "point").stream()
        .map(e -> e.attr("data-point")).toList(), "one row per point, in grid order");
    for (SweepSummary.Point p : s.points()) {
      for (String scene : s.scenes()) {
        SweepCell c = s.cell(p.name(), scene);
        List<DomTags.Element> acc = cells(dom, "macc", p.name(), scene);
        if (c == null) {
          assertEquals(List.of(), acc, p.name() + "/" + scene);
          continue;
        }
        assertEquals(2, acc.size(), "the side-by-side cell and the per-cell row: " + p.name() + "/" + scene);
        for (DomTags.Element e : acc) {
          assertEquals(c.mAcc(), Double.parseDouble(e.attr("data-macc")), p.name() + "/" + scene);
        }
        for (DomTags.Element e : cells(dom, "miou", p.name(), scene)) {
          assertEquals(c.mIoU(), Double.parseDouble(e.attr("data-miou")), p.name() + "/" + scene);
        }
      }
    }
    Map<String, SweepSummary.Means> means = s.means();
    for (DomTags.Element bar : DomTags.withClass(dom, "rect", "bar")) {
      SweepSummary.Means m = means.get(bar.attr("data-point"));
      double expected = bar.attr("data-metric").equals("macc") ? m.mAcc() : m.mIoU();
      assertEquals(expected, Double.parseDouble(bar.attr("data-value")), bar.attributes().toString());
    }
    assertEquals(2 * s.points().size(), DomTags.withClass(dom, "rect", "bar").size());
    DomTags.Element failure = DomTags.all(dom, "li").stream().filter(e -> "desk".equals(e.attr("data-scene")))
        .findFirst().orElseThrow();
    assertEquals("distill", failure.attr("data-stage"));
    assertEquals("avg on desk: failed in distill: IllegalStateException: <boom> & more", failure.text());
  }

  @Test
  void controlAThrownErrorIsSeen() throws Exception {
    String html = SweepReport.render(SweepFixture.summary())
        .replace("</body>", "<script>throw new Error('control error');</script>\n</body>");
    Path page = Files.writeString(dir.resolve("broken.html"), html, StandardCharsets.UTF_8);
    String errors = DomTags.all(HeadlessChromium.load(chromium, page, dir.resolve("browser")).dom(), "html").get(0)
        .attr("data-errors");
    assertTrue(errors.contains("control error"), "recorded: '" + errors + "'");
  }

  static List<DomTags.Element> cells(String dom, String cls, String point, String scene) {
    return DomTags.withClass(dom, "td", cls).stream()
        .filter(e -> point.equals(e.attr("data-point")) && scene.equals(e.attr("data-scene"))).toList();
  }
}
