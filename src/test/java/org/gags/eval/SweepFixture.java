package org.gags.eval;

import java.util.List;

/**
 * A sweep summary with what a report must handle: three points, two scenes, a failed (point, scene),
 * a point with nothing scored, a scene without labelled pairs (NaN metrics), overrides that need
 * escaping and CSV quoting, a point that computed nothing itself.
 */
final class SweepFixture {
  private SweepFixture() {}

  static final String ODD = "model.clip.mean=0.5,0.5,0.5 eval.note=<b>\"x\"";

  static SweepSummary summary() {
    List<SweepSummary.Point> points = List.of(new SweepSummary.Point("gad", "distill.target=gad", "a".repeat(64)),
        new SweepSummary.Point("avg", ODD, "b".repeat(64)), new SweepSummary.Point("none", "", "c".repeat(64)));
    List<SweepCell> cells = List.of(
        new SweepCell("gad", "kitchen", 0.5, 0.25, 10, 5, 12.0, 40.0, List.of("scan", "distill", "eval"), 30.5),
        new SweepCell("gad", "desk", 0.75, 0.5, 4, 3, 8.0, 20.0, List.of("scan", "distill", "eval"), 20.0),
        new SweepCell("gad", "empty", Double.NaN, Double.NaN, 0, 0, 6.0, Double.NaN, List.of("eval"), 1.0),
        new SweepCell("avg", "kitchen", 0.625, 0.125, 8, 5, 11.0, 41.0, List.of(), 0.0),
        new SweepCell("avg", "elsewhere", 1.0, 1.0, 1, 1, 1.0, 1.0, List.of(), 0.0));
    List<SweepSummary.Failure> failures = List.of(
        new SweepSummary.Failure("avg", "desk", "distill", "IllegalStateException: <boom> & more"));
    return new SweepSummary("sweep <test>", points, List.of("kitchen", "desk", "empty"), cells, failures);
  }
}
