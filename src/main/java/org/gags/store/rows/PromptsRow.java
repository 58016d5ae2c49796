package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code prompts} ({@link org.gags.store.Tables#PROMPTS}): one view's SAM points. */
public record PromptsRow(int viewIndex, int width, int height, String mode, String density, long seed, int count,
    float[] x, float[] y, int[] patchPoints, int[] patchSide) {

  public static PromptsRow from(Row r) {
    return new PromptsRow(RowValues.i(r, "view_index"), RowValues.i(r, "width"), RowValues.i(r, "height"),
        RowValues.s(r, "mode"), RowValues.s(r, "density"), RowValues.l(r, "seed"), RowValues.i(r, "count"),
        RowValues.floats(r, "x"), RowValues.floats(r, "y"), RowValues.ints(r, "patch_points"),
        RowValues.ints(r, "patch_side"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, width, height, mode, density, seed, count, x, y, patchPoints, patchSide);
  }
}
