package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.scene.Camera;

/** A row of {@code views} ({@link org.gags.store.Tables#VIEWS}). */
public record ViewRow(int viewIndex, String name, String imageUri, int width, int height, double fx, double fy,
    double cx, double cy, double[] rotation, double[] translation, String labelUri) {

  public static ViewRow from(Row r) {
    int label = RowValues.index(r, "label_uri");
    return new ViewRow(RowValues.i(r, "view_index"), RowValues.s(r, "name"), RowValues.s(r, "image_uri"),
        RowValues.i(r, "width"), RowValues.i(r, "height"), RowValues.d(r, "fx"), RowValues.d(r, "fy"),
        RowValues.d(r, "cx"), RowValues.d(r, "cy"), RowValues.doubles(r, "rotation"),
        RowValues.doubles(r, "translation"), r.isNullAt(label) ? null : r.getString(label));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, name, imageUri, width, height, fx, fy, cx, cy, RowValues.boxed(rotation),
        RowValues.boxed(translation), labelUri);
  }

  /** The view's camera, as scan read it. */
  public Camera camera() {
    return new Camera(rotation, translation, fx, fy, cx, cy, width, height);
  }
}
