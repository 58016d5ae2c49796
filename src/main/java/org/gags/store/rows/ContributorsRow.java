package org.gags.store.rows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gags.render.Contributors;
import org.gags.store.FloatBytes;

/** A row of {@code contributors} ({@link org.gags.store.Tables#CONTRIBUTORS}): one view's W and segment maps. */
public record ContributorsRow(int viewIndex, int width, int height, int entries, int droppedEntries, byte[] pixelStart,
    byte[] gaussians, byte[] weights, byte[] segmentsS, byte[] segmentsM, byte[] segmentsL) {

  public static ContributorsRow of(int viewIndex, Contributors w, int dropped, int[][] segments) {
    return new ContributorsRow(viewIndex, w.width(), w.height(), w.entries(), dropped,
        FloatBytes.encodeInts(w.pixelStart()), FloatBytes.encodeInts(w.gaussians()), FloatBytes.encode(w.weights()),
        FloatBytes.encodeInts(segments[0]), FloatBytes.encodeInts(segments[1]), FloatBytes.encodeInts(segments[2]));
  }

  public static ContributorsRow from(Row r) {
    return new ContributorsRow(RowValues.i(r, "view_index"), RowValues.i(r, "width"), RowValues.i(r, "height"),
        RowValues.i(r, "entries"), RowValues.i(r, "dropped_entries"), RowValues.bytes(r, "pixel_start"),
        RowValues.bytes(r, "gaussians"), RowValues.bytes(r, "weights"), RowValues.bytes(r, "segments_s"),
        RowValues.bytes(r, "segments_m"), RowValues.bytes(r, "segments_l"));
  }

  public Row toRow() {
    return RowFactory.create(viewIndex, width, height, entries, droppedEntries, pixelStart, gaussians, weights,
        segmentsS, segmentsM, segmentsL);
  }

  /** The CSR lists, checked against the row's sizes. */
  public Contributors contributors() {
    return new Contributors(width, height, FloatBytes.decodeInts(pixelStart), FloatBytes.decodeInts(gaussians),
        FloatBytes.decode(weights));
  }

  /** The segment-id maps of levels s, m, l. */
  public int[][] segments() {
    return new int[][] {FloatBytes.decodeInts(segmentsS), FloatBytes.decodeInts(segmentsM),
        FloatBytes.decodeInts(segmentsL)};
  }

  /** Bytes of the row's binary values (for size reports). */
  public long bytes() {
    return (long) pixelStart.length + gaussians.length + weights.length + segmentsS.length + segmentsM.length
        + segmentsL.length;
  }
}
