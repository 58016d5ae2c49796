package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code results} ({@link org.gags.store.Tables#RESULTS}): one (frame, category) query scored. */
public record ResultRow(int viewIndex, String frame, String category, boolean hit, double iou, float maxRelevancy,
    double renderMs, double decodeMs, double scoreMs) {

  public static ResultRow from(Row r) {
    return new ResultRow(RowValues.i(r, "view_index"), RowValues.s(r, "frame"), RowValues.s(r, "category"),
        r.getBoolean(RowValues.index(r, "hit")), RowValues.d(r, "iou"), RowValues.f(r, "max_relevancy"),
        RowValues.d(r, "render_ms"), RowValues.d(r, "decode_ms"), RowValues.d(r, "score_ms"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, frame, category, hit, iou, maxRelevancy, renderMs, decodeMs, scoreMs);
  }
}
