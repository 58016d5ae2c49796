package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code segments} ({@link org.gags.store.Tables#SEGMENTS}): one kept SAM mask. */
public record SegmentRow(int viewIndex, String level, int segmentId, int promptIndex, int width, int height, int x0,
    int y0, int x1, int y1, int area, float predictedIou, float stability, byte[] mask) {

  public static SegmentRow from(Row r) {
    return new SegmentRow(RowValues.i(r, "view_index"), RowValues.s(r, "level"), RowValues.i(r, "segment_id"),
        RowValues.i(r, "prompt_index"), RowValues.i(r, "width"), RowValues.i(r, "height"), RowValues.i(r, "x0"),
        RowValues.i(r, "y0"), RowValues.i(r, "x1"), RowValues.i(r, "y1"), RowValues.i(r, "area"),
        RowValues.f(r, "predicted_iou"), RowValues.f(r, "stability"), RowValues.bytes(r, "mask"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, level, segmentId, promptIndex, width, height, x0, y0, x1, y1, area,
        predictedIou, stability, mask);
  }
}
