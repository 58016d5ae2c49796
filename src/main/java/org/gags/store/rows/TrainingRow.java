package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code training} ({@link org.gags.store.Tables#TRAINING}): the loss terms at one iteration. */
public record TrainingRow(int iteration, int viewIndex, double distill, double entropy, double consistency,
    double total, double seconds) {

  public static TrainingRow from(Row r) {
    return new TrainingRow(RowValues.i(r, "iteration"), RowValues.i(r, "view_index"), RowValues.d(r, "distill"),
        RowValues.d(r, "entropy"), RowValues.d(r, "consistency"), RowValues.d(r, "total"), RowValues.d(r, "seconds"));
  }

  public Row toRow() {
    return RowFactory.create(iteration, viewIndex, distill, entropy, consistency, total, seconds);
  }
}
