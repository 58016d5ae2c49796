package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The row of {@code metrics} ({@link org.gags.store.Tables#METRICS}): one scene's LERF-OVS scores. */
public record MetricsRow(double mAcc, double mIou, int pairs, int hits, int frames, String configHash, String runId) {

  public static MetricsRow from(Row r) {
    return new MetricsRow(RowValues.d(r, "m_acc"), RowValues.d(r, "m_iou"), RowValues.i(r, "pairs"),
        RowValues.i(r, "hits"), RowValues.i(r, "frames"), RowValues.s(r, "config_hash"), RowValues.s(r, "run_id"));
  }

  public Row toRow() {
    return RowFactory.create(mAcc, mIou, pairs, hits, frames, configHash, runId);
  }
}
