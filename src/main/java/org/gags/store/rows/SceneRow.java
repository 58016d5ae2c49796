package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code scenes} ({@link org.gags.store.Tables#SCENES}). */
public record SceneRow(String uri, String plyUri, long gaussians, int shDegree, int views, int labelFiles,
    String principalPoint) {

  public static SceneRow from(Row r) {
    return new SceneRow(RowValues.s(r, "uri"), RowValues.s(r, "ply_uri"), RowValues.l(r, "gaussians"),
        RowValues.i(r, "sh_degree"), RowValues.i(r, "views"), RowValues.i(r, "label_files"),
        RowValues.s(r, "principal_point"));
  }

  public Row toRow() {
    return RowFactory.create(uri, plyUri, gaussians, shDegree, views, labelFiles, principalPoint);
  }
}
