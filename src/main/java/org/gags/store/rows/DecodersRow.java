package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The row of {@code decoders} ({@link org.gags.store.Tables#DECODERS}): both decoders of a scene as NPZ. */
public record DecodersRow(int featureDim, int decoderWidth, int clipDim, int iterations, String distillConfig,
    byte[] npz) {

  public static DecodersRow from(Row r) {
    return new DecodersRow(RowValues.i(r, "feature_dim"), RowValues.i(r, "decoder_width"), RowValues.i(r, "clip_dim"),
        RowValues.i(r, "iterations"), RowValues.s(r, "distill_config"), RowValues.bytes(r, "npz"));
  }

  public Row toRow() {
    return RowFactory.create(featureDim, decoderWidth, clipDim, iterations, distillConfig, npz);
  }
}
