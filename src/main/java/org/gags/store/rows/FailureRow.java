package org.gags.store.rows;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code failures} ({@link org.gags.store.Tables#FAILURES}): one scene that failed in a run. */
public record FailureRow(String sceneId, String sceneUri, String stage, String error, String message,
    Timestamp failedAt) {

  public static FailureRow from(Row r) {
    return new FailureRow(RowValues.s(r, "scene_id"), RowValues.s(r, "scene_uri"), RowValues.s(r, "stage"),
        RowValues.s(r, "error"), RowValues.s(r, "message"), r.getTimestamp(RowValues.index(r, "failed_at")));
  }

  public Row toRow() {
    return RowFactory.create(sceneId, sceneUri, stage, error, message, failedAt);
  }
}
