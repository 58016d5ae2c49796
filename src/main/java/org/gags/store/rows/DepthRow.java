package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.store.FloatBytes;

/** A row of {@code depth} ({@link org.gags.store.Tables#DEPTH}). */
public record DepthRow(int viewIndex, int width, int height, byte[] depth, int visibleGaussians) {

  public static DepthRow from(Row r) {
    return new DepthRow(RowValues.i(r, "view_index"), RowValues.i(r, "width"), RowValues.i(r, "height"),
        RowValues.bytes(r, "depth"), RowValues.i(r, "visible_gaussians"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, width, height, depth, visibleGaussians);
  }

  /** The H×W depth map. */
  public float[] depthMap() {
    return FloatBytes.decode(depth);
  }
}
