package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A row of {@code embeddings} ({@link org.gags.store.Tables#EMBEDDINGS}): one segment's CLIP feature. */
public record EmbeddingRow(int viewIndex, String level, int segmentId, float[] embedding) {

  public static EmbeddingRow from(Row r) {
    return new EmbeddingRow(RowValues.i(r, "view_index"), RowValues.s(r, "level"), RowValues.i(r, "segment_id"),
        RowValues.floats(r, "embedding"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, level, segmentId, embedding);
  }
}
