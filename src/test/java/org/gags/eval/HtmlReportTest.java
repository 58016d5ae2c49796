package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page as text; {@code HtmlReportBrowserIT} loads it in a real browser. */
@Tag("unit")
class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void namesAndValuesAreEscapedAndNothingIsFetchedFromOutside() {
    String html = HtmlReport.render(ReportFixture.run(dir));
    assertTrue(html.contains("data-scene=\"kitchen &lt;&amp;&quot;&#39;&gt;\""), "escaped scene attribute");
    assertTrue(html.contains("<code>eval.note=a &lt;b&gt; &amp; &quot;c&quot;</code>"));
    assertFalse(html.contains("<b>"), "no markup from the data");
    assertFalse(html.contains("http:") || html.contains("https:") || html.contains("//cdn"),
        "no external resources");
    assertTrue(html.contains("src=\"heatmaps/frame_00003__red_plate.png\""));
  }

  @Test
  void absoluteOrRemoteHeatmapLinksAreRefused() {
    for (String href : List.of("/srv/x.png", "file:///srv/x.png", "https://example.org/x.png", "C:/x.png", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new HeatmapLink("s", "frame_00001", "mug", href), href);
      assertTrue(e.getMessage().startsWith("s / frame_00001 / mug: heatmap href: expected a relative path"),
          e.getMessage());
    }
    new HeatmapLink("s", "f", "c", "heatmaps/a.png");
    new HeatmapLink("s", "f", "c", "data:image/png;base64,iVBORw0KGgo=");
  }

  @Test
  void latencyStatsUseTheNearestRankMedian() {
    assertEquals(new LatencyStats(3, 70 / 3.0, 20, 40), LatencyStats.of(new double[] {40, 10, 20}));
    assertEquals(new LatencyStats(4, 2.5, 2, 4), LatencyStats.of(new double[] {4, 3, 2, 1}));
    LatencyStats none = LatencyStats.of(new double[0]);
    assertEquals(0, none.count());
    assertTrue(Double.isNaN(none.p50()));
    assertThrows(IllegalArgumentException.class, () -> new FrameTiming("s", "f", -1, 0, 0));
  }

  @Test
  void aRunWithoutScenesOrTimingsStillRenders() {
    String html = HtmlReport.render(new HtmlReport.Run("empty", List.of(), Map.of(), List.of(), List.of()));
    assertTrue(html.contains("<table id=\"metrics\">"));
    assertTrue(html.contains("<td class=\"p50\" data-value=\"NaN\">n/a</td>"));
  }
}
