package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code field} ({@link org.gags.store.Tables#FIELD}): one Gaussian's distilled feature. */
public record FieldRow(int gaussian, float[] feature) {

  public static FieldRow from(Row r) {
    return new FieldRow(RowValues.i(r, "gaussian"), RowValues.floats(r, "feature"));
  }

  public Row toRow() {
    return RowFactory.create(gaussian, feature);
  }
}
