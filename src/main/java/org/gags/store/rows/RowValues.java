package org.gags.store.rows;

import java.util.List;
import org.apache.spark.sql.Row;

/** Reads one column of a Spark row by name, with an error that names the column when it is missing. */
final class RowValues {
  private RowValues() {}

  static int index(Row r, String column) {
    if (r.schema() == null) {
      throw new IllegalArgumentException("row has no schema: cannot read column " + column + " by name");
    }
    try {
      return r.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("row has no column " + column + " (columns: "
          + String.join(", ", r.schema().fieldNames()) + ")", e);
    }
  }

  static int i(Row r, String column) {
    return r.getInt(index(r, column));
  }

  static long l(Row r, String column) {
    return r.getLong(index(r, column));
  }

  static float f(Row r, String column) {
    return r.getFloat(index(r, column));
  }

  static double d(Row r, String column) {
    return r.getDouble(index(r, column));
  }

  static String s(Row r, String column) {
    return r.getString(index(r, column));
  }

  static byte[] bytes(Row r, String column) {
    return (byte[]) r.get(index(r, column));
  }

  static float[] floats(Row r, String column) {
    List<Float> v = r.getList(index(r, column));
    float[] a = new float[v.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = v.get(k);
    }
    return a;
  }

  static int[] ints(Row r, String column) {
    List<Integer> v = r.getList(index(r, column));
    int[] a = new int[v.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = v.get(k);
    }
    return a;
  }

  static double[] doubles(Row r, String column) {
    List<Double> v = r.getList(index(r, column));
    double[] a = new double[v.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = v.get(k);
    }
    return a;
  }

  static Double[] boxed(double[] a) {
    Double[] b = new Double[a.length];
    for (int k = 0; k < a.length; k++) {
      b[k] = a[k];
    }
    return b;
  }
}
