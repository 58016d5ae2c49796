package org.gags.spark.pipeline;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gags.store.TableDef;

/** One view's rows of each input table of a {@link ViewStage}, read by table (in no particular order). */
public record ViewInput(String scene, int view, Map<String, List<Row>> rows) {

  /** The view's rows of {@code table} (empty when it has none). */
  public List<Row> all(TableDef table) {
    List<Row> r = rows.get(table.name());
    if (r == null) {
      throw new IllegalArgumentException(table.name() + " is not an input of this stage (inputs: " + rows.keySet() + ")");
    }
    return r;
  }

  /** The view's single row of {@code table}. */
  public Row one(TableDef table) {
    List<Row> r = all(table);
    if (r.size() != 1) {
      throw new IllegalStateException(table.name() + ": expected one row for view " + view + ", found " + r.size());
    }
    return r.get(0);
  }
}
