package org.gags.spark.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.eval.SweepCell;
import org.gags.eval.SweepReport;
import org.gags.eval.SweepSummary;
import org.gags.eval.SweepTable;
import org.gags.spark.pipeline.SceneRef;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.SweepMetricsRow;

/**
 * The sweep's report from what {@code sweep_metrics} holds: for each grid point whose partition was
 * made for its current overrides and eval hash, its rows on the sweep's scenes, side by side
 * ({@link SweepReport}, {@code <out>/reports/sweep-<sweep id>.html}) and as CSV ({@link
 * SweepTable}, {@code .csv} beside it).
 */
final class SweepReports {
  private SweepReports() {}

  /** Where the report went. */
  record Written(String html, String csv) {}

  static SweepSummary summary(TableStore root, SparkSession spark, String title, List<Sweep.PlannedPoint> points,
      List<SceneRef> scenes, List<SweepSummary.Failure> failures) {
    List<SweepSummary.Point> ps = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (Sweep.PlannedPoint p : points) {
      String name = p.point().name();
      ps.add(new SweepSummary.Point(name, p.point().overridesText(), p.evalHash()));
      if (SweepRows.current(root, name, p.point().overridesText(), p.evalHash()) != null) {
        current.add(name);
      }
    }
    Set<String> ids = new HashSet<>(scenes.stream().map(SceneRef::id).toList());
    List<SweepCell> cells = new ArrayList<>();
    if (!current.isEmpty()) {
      for (Row r : root.readScenes(spark, Tables.SWEEP_METRICS, current).collectAsList()) {
        SweepMetricsRow m = SweepMetricsRow.from(r);
        if (ids.contains(m.sceneId())) {
          cells.add(new SweepCell(r.getString(r.fieldIndex(Tables.SWEEP_METRICS.partitionColumn())), m.sceneId(),
              m.mAcc(), m.mIou(), m.pairs(), m.hits(), m.trainSeconds(), m.queryMs(), m.computed(), m.computeSeconds()));
        }
      }
    }
    return new SweepSummary(title, ps, scenes.stream().map(SceneRef::id).toList(), cells, failures);
  }

  static Written write(TableStore root, String sweepId, SweepSummary summary) {
    String base = "reports/sweep-" + sweepId;
    root.writeText(base + ".html", SweepReport.render(summary));
    root.writeText(base + ".csv", SweepTable.csv(summary));
    return new Written(root.root() + "/" + base + ".html", root.root() + "/" + base + ".csv");
  }
}
