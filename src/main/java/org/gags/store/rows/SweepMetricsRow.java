package org.gags.store.rows;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code sweep_metrics} ({@link org.gags.store.Tables#SWEEP_METRICS}): one grid point on one scene. */
public record SweepMetricsRow(String sceneId, String overrides, double mAcc, double mIou, int pairs, int hits, int frames,
    String evalHash, String evalFolder, double trainSeconds, double queryMs, List<String> computed,
    double computeSeconds, String runId) {

  public SweepMetricsRow {
    computed = List.copyOf(computed);
  }

  public static SweepMetricsRow from(Row r) {
    return new SweepMetricsRow(RowValues.s(r, "scene_id"), RowValues.s(r, "overrides"), RowValues.d(r, "m_acc"),
        RowValues.d(r, "m_iou"), RowValues.i(r, "pairs"), RowValues.i(r, "hits"), RowValues.i(r, "frames"),
        RowValues.s(r, "eval_hash"), RowValues.s(r, "eval_folder"), RowValues.d(r, "train_seconds"),
        RowValues.d(r, "query_ms"), r.<String>getList(RowValues.index(r, "computed")), RowValues.d(r, "compute_seconds"),
        RowValues.s(r, "run_id"));
  }

  public Row toRow() {
    return RowFactory.create(sceneId, overrides, mAcc, mIou, pairs, hits, frames, evalHash, evalFolder, trainSeconds,
        queryMs, computed.toArray(new String[0]), computeSeconds, runId);
  }
}
