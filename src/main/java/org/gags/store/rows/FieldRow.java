package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code field} ({@link org.gags.store.Tables#FIELD}): one Gaussian's distilled feature. */
public record FieldRow(int gaussian, float[] feature) {

  public static FieldRow from(Row r) {
    return new FieldRow(RowValues.i(r, "gaussian"), RowValues.floats(r, "feature"));
  }

  /**
   * A scene's field as one Gaussian-major matrix (dim floats per Gaussian), checked: every Gaussian
   * 0..gaussians−1 exactly once, all with the same size.
   */
  public static float[] matrix(java.util.Iterator<Row> rows, int gaussians, String scene) {
    return gather(new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public FieldRow next() {
        return from(rows.next());
      }
    }, gaussians, scene);
  }

  /** As {@link #matrix}, from rows already read (an executor reads them with its own Parquet reader). */
  public static float[] gather(java.util.Iterator<FieldRow> rows, int gaussians, String scene) {
    float[] out = null;
    int dim = 0;
    boolean[] seen = new boolean[gaussians];
    long count = 0;
    while (rows.hasNext()) {
      FieldRow f = rows.next();
      if (out == null) {
        dim = f.feature().length;
        out = new float[gaussians * dim];
      }
      if (f.gaussian() < 0 || f.gaussian() >= gaussians || f.feature().length != dim || seen[f.gaussian()]) {
        throw new IllegalStateException("field of scene " + scene + ": expected Gaussians 0.." + (gaussians - 1)
            + " once each with " + dim + " floats, found Gaussian " + f.gaussian() + " with " + f.feature().length
            + (f.gaussian() >= 0 && f.gaussian() < gaussians && seen[f.gaussian()] ? " twice" : ""));
      }
      seen[f.gaussian()] = true;
      System.arraycopy(f.feature(), 0, out, f.gaussian() * dim, dim);
      count++;
    }
    if (count != gaussians) {
      throw new IllegalStateException("field of scene " + scene + ": expected " + gaussians + " rows (one per Gaussian),"
          + " found " + count);
    }
    return out;
  }

  public Row toRow() {
    return RowFactory.create(gaussian, feature);
  }
}
