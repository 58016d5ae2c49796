package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.store.FloatBytes;

/** The one row of {@code gaussian_min_depth} ({@link org.gags.store.Tables#GAUSSIAN_MIN_DEPTH}). */
public record GaussianMinDepthRow(int gaussians, byte[] minDepth, int visibleGaussians) {

  public static GaussianMinDepthRow from(Row r) {
    return new GaussianMinDepthRow(RowValues.i(r, "gaussians"), RowValues.bytes(r, "min_depth"),
        RowValues.i(r, "visible_gaussians"));
  }

  public Row toRow() {
    return RowFactory.create(gaussians, minDepth, visibleGaussians);
  }

  /** N minima in PLY order, +Inf where a Gaussian is visible in no view. */
  public float[] minima() {
    return FloatBytes.decode(minDepth);
  }
}
