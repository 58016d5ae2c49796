package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.store.FloatBytes;

/** A row of {@code min_depth} ({@link org.gags.store.Tables#MIN_DEPTH}): one view's sparse map. */
public record MinDepthRow(int viewIndex, int width, int height, int count, byte[] pixels, byte[] values) {

  public static MinDepthRow from(Row r) {
    return new MinDepthRow(RowValues.i(r, "view_index"), RowValues.i(r, "width"), RowValues.i(r, "height"),
        RowValues.i(r, "count"), RowValues.bytes(r, "pixels"), RowValues.bytes(r, "values"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, width, height, count, pixels, values);
  }

  public int[] pixelIndices() {
    return FloatBytes.decodeInts(pixels);
  }

  public float[] minima() {
    return FloatBytes.decode(values);
  }
}
