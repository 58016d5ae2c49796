package org.gags.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gags.testing.DomTags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sweep report as text, CSV and page source; {@code SweepReportBrowserIT} loads the page in a real browser. */
@Tag("unit")
class SweepReportTest {
  @Test
  void meansAreOverTheScenesWithPairsAndTheBestPointIsTheFirstHighest() {
    SweepSummary s = SweepFixture.summary();
    Map<String, SweepSummary.Means> m = s.means();
    assertEquals(new SweepSummary.Means(0.625, 0.375, 2, 26.0 / 3, 30.0), m.get("gad"), "empty has no pairs; 'elsewhere' is not a sweep scene");
    assertEquals(new SweepSummary.Means(0.625, 0.125, 1, 11.0, 41.0), m.get("avg"));
    SweepSummary.Means none = m.get("none");
    assertEquals(0, none.scenesScored());
    assertTrue(Double.isNaN(none.mAcc()) && Double.isNaN(none.trainSeconds()));
    assertEquals("gad", s.best("macc"), "a tie goes to the first point in grid order");
    assertEquals("gad", s.best("miou"));
  }

  @Test
  void theTextTableHasOneLinePerPointSideBySide() {
    List<String> lines = SweepTable.text(SweepFixture.summary()).lines().toList();
    assertEquals(5, lines.size(), String.join("\n", lines));
    assertEquals(List.of("point", "kitchen", "desk", "empty", "mean", "of", "scenes", "scored", "train", "s", "query",
        "ms", "overrides"), List.of(lines.get(0).trim().split("\\s+")));
    assertEquals(List.of("gad", "50.0/25.0", "75.0/50.0", "n/a/n/a", "62.5/37.5", "2/3", "8.7", "30.0",
        "distill.target=gad"), List.of(lines.get(1).trim().split("\\s+")));
    assertTrue(lines.get(2).startsWith("avg ") && lines.get(2).contains(" failed ") && lines.get(2).endsWith(SweepFixture.ODD),
        lines.get(2));
    assertEquals(List.of("none", "-", "-", "-", "n/a/n/a", "0/3", "n/a", "n/a", "(base", "config)"),
        List.of(lines.get(3).trim().split("\\s+")));
    int column = lines.get(0).indexOf("kitchen") + "kitchen".length();
    assertEquals(column, lines.get(1).indexOf("50.0/25.0") + "50.0/25.0".length(), "numbers are right-aligned under their scene");
  }

  @Test
  void theCsvHasOneQuotedLinePerScoredPointAndScene() {
    List<String> lines = SweepTable.csv(SweepFixture.summary()).lines().toList();
    assertEquals(List.of(SweepTable.CSV_HEADER,
        "gad,kitchen,distill.target=gad,0.5,0.25,10,5,12.0,40.0,scan distill eval,30.5",
        "gad,desk,distill.target=gad,0.75,0.5,4,3,8.0,20.0,scan distill eval,20.0",
        "gad,empty,distill.target=gad,NaN,NaN,0,0,6.0,NaN,eval,1.0",
        "avg,kitchen,\"model.clip.mean=0.5,0.5,0.5 eval.note=<b>\"\"x\"\"\",0.625,0.125,8,5,11.0,41.0,,0.0"), lines);
  }

  @Test
  void thePageHasACellPerPointAndSceneWithItsValueAndEscapesTheData() {
    String html = SweepReport.render(SweepFixture.summary());
    assertFalse(html.contains("<b>") || html.contains("<boom>"), "no markup from the data");
    assertFalse(html.contains("http:") || html.contains("https:"), "no external resources");
    List<DomTags.Element> macc = DomTags.withClass(html, "td", "macc");
    assertEquals(List.of("gad/kitchen", "gad/desk", "gad/empty", "gad/" + SweepReport.MEAN, "avg/kitchen",
            "avg/" + SweepReport.MEAN, "none/" + SweepReport.MEAN, "gad/kitchen", "gad/desk", "gad/empty", "avg/kitchen"),
        macc.stream().map(e -> e.attr("data-point") + "/" + e.attr("data-scene")).toList(),
        "side by side (points x scenes, then means), then one row per scored cell");
    assertEquals("0.625", macc.get(3).attr("data-macc"));
    assertTrue(macc.get(3).hasClass("best") && !macc.get(5).hasClass("best"));
    assertEquals("62.5", macc.get(4).text());
    List<DomTags.Element> failed = DomTags.withClass(html, "td", "failed");
    assertEquals(1, failed.size());
    assertEquals("desk", failed.get(0).attr("data-scene"));
    assertEquals("IllegalStateException: <boom> & more", failed.get(0).attr("title"));
    assertEquals(List.of("avg/empty", "none/kitchen", "none/desk", "none/empty"), DomTags.withClass(html, "td", "missing")
        .stream().map(e -> e.attr("data-point") + "/" + e.attr("data-scene")).toList());
  }
}
