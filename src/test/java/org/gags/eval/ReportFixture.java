package org.gags.eval;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run for the report tests: scene "synthetic" scored for real by {@link QueryScorer} on {@link
 * SyntheticQueryFrame}, with its two heatmaps written as PNGs; scene "kitchen <&\"'>" with
 * hand-written pairs (a name to escape) and one missing pair; three frame timings.
 */
final class ReportFixture {
  static final String ODD_SCENE = "kitchen <&\"'>";

  private ReportFixture() {}

  /** Writes the heatmaps under {@code dir/heatmaps} and returns the run whose page goes in {@code dir}. */
  static HtmlReport.Run run(Path dir) {
    QueryScorer.Result r = QueryScorer.score(SyntheticQueryFrame.map(), SyntheticQueryFrame.label(),
        SyntheticQueryFrame.text());
    List<HeatmapLink> links = new ArrayList<>();
    for (QueryScorer.CategoryScore c : r.categories()) {
      BufferedImage img = Heatmap.draw(HeatmapTest.photo(), c.relevancy(), c.score(),
          SyntheticQueryFrame.label().objectsOf(c.category()));
      String name = Heatmap.fileName(r.frame(), c.category());
      Heatmap.write(dir.resolve("heatmaps").resolve(name), img);
      links.add(new HeatmapLink("synthetic", r.frame(), c.category(), "heatmaps/" + name));
    }
    List<PairScore> odd = List.of(new PairScore("frame_00001", "cup <b>", true, 0.25),
        new PairScore("frame_00001", "plate", false, 0.0), new PairScore("frame_00002", "cup <b>", true, 0.5));
    Map<String, String> config = new LinkedHashMap<>();
    config.put("query.scale", "10");
    config.put("model.clip.text", "models/clip/text.onnx");
    config.put("eval.note", "a <b> & \"c\"");
    List<FrameTiming> timings = List.of(new FrameTiming("synthetic", "frame_00003", 10, 1.5, r.scoreMillis()),
        new FrameTiming(ODD_SCENE, "frame_00001", 20, 2.5, 7), new FrameTiming(ODD_SCENE, "frame_00002", 40, 0.5, 3));
    return new HtmlReport.Run("GAGS queries: <test run>",
        List.of(new SceneScores("synthetic", r.pairs(), List.of()),
            new SceneScores(ODD_SCENE, odd, List.of("frame_00002 / plate (no map)"))),
        config, links, timings);
  }
}
