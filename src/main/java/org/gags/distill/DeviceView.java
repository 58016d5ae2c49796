package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One view's training inputs uploaded once to the engine's device (CPU tensors, or CUDA memory with
 * a CUDA libtorch): the sparse renderer W, the valid mask, each level's per-pixel segment rows and
 * its CLIP table. Only the segment-id maps stay on the host (the regions are computed there, from w).
 * The contributor lists are not kept in the JVM heap: {@link #upload} reads a {@link DistillView}
 * and the caller lets it go.
 */
final class DeviceView {
  final String name;
  final int width;
  final int height;
  /** Host copies of the three segment-id maps (s, m, l), for the region map. */
  final int[][] segments;
  final int[] levelOffsets;
  /** The whole view's F = W·f: its parts' renderers, rows concatenated. */
  final SparseRenderer renderer;
  /**
   * Pixel ranges of the chunks the decoders and losses run on: chunk c covers pixels chunkStart[c]
   * to chunkStart[c + 1] − 1.
   */
  final int[] chunkStart;
  /** Pixel ranges of the sparse parts, as {@link #chunkStart}. */
  final int[] partStart;
  /**
   * The rows of F = W·f, per part. A COO matrix is one part, the whole view: its backward (Wᵀ·∂L/∂F)
   * then runs once per step instead of once per chunk, each of which transposed its matrix and
   * filled a Gaussians × 16 gradient of its own. A padded gather holds pixels × (longest list), so
   * it keeps one part per chunk.
   */
  final SparseRenderer[] parts;
  /** pixels × 1, 1 where the pixel is covered at all three levels. */
  final NDArray validMask;
  /** Per level: the row of its CLIP table for each pixel (−1 read as row 0; invalid pixels are masked). */
  final NDArray[] rows;
  /** Per level: K_x × clipDim CLIP features. */
  final NDArray[] tables;
  /** Contributor entries (for sizing reports). */
  final long entries;

  private DeviceView(String name, int width, int height, int[][] segments, int[] levelOffsets, int[] chunkStart,
      int[] partStart, SparseRenderer[] parts, NDArray validMask, NDArray[] rows, NDArray[] tables, long entries) {
    this.name = name;
    this.width = width;
    this.height = height;
    this.segments = segments;
    this.levelOffsets = levelOffsets;
    this.chunkStart = chunkStart;
    this.partStart = partStart;
    this.parts = parts;
    this.renderer = SparseRenderer.concat(java.util.List.of(parts));
    this.validMask = validMask;
    this.rows = rows;
    this.tables = tables;
    this.entries = entries;
  }

  /** Uploads a view's arrays to arrays of {@code manager} (they live as long as it does). */
  static DeviceView upload(DistillConfig cfg, NDManager manager, DistillView view, int gaussians, DataType dtype) {
    int n = view.pixels();
    float[] valid = new float[n];
    for (int p = 0; p < n; p++) {
      valid[p] = view.valid(p) ? 1f : 0f;
    }
    NDArray validMask = manager.create(valid, new Shape(n, 1)).toType(dtype, false);
    NDArray[] rows = new NDArray[3];
    NDArray[] tables = new NDArray[3];
    for (int l = 0; l < 3; l++) {
      long[] ids = new long[n];
      for (int p = 0; p < n; p++) {
        ids[p] = Math.max(view.segments()[l][p], 0);
      }
      rows[l] = manager.create(ids);
      // a level without segments still needs one row for the (masked) gather
      float[] table = view.segmentCount(l) == 0 ? new float[view.clipDim()] : view.clip()[l];
      tables[l] = manager.create(table, new Shape(table.length / view.clipDim(), view.clipDim())).toType(dtype, false);
    }
    int[] chunkStart = chunkStarts(n, cfg.chunkPixels());
    int[] partStart = cfg.forward() == DistillConfig.SparseForward.COO ? new int[] {0, n} : chunkStart;
    SparseRenderer[] parts = new SparseRenderer[partStart.length - 1];
    for (int c = 0; c < parts.length; c++) {
      parts[c] = SparseRenderer.of(cfg.forward(), manager, view.contributors(), partStart[c], partStart[c + 1],
          gaussians, dtype);
    }
    return new DeviceView(view.name(), view.width(), view.height(), view.segments(), view.levelOffsets(), chunkStart,
        partStart, parts, validMask, rows, tables, view.contributors().entries());
  }

  /** Chunk boundaries: 0, size, 2·size, ..., n (one chunk of all pixels when size is 0 or at least n). */
  static int[] chunkStarts(int n, int size) {
    int count = size <= 0 || size >= n ? 1 : (n + size - 1) / size;
    int[] start = new int[count + 1];
    for (int c = 1; c <= count; c++) {
      start[c] = c == count ? n : c * size;
    }
    return start;
  }

  int pixels() {
    return width * height;
  }

  /** Bytes of the engine arrays this view holds: the renderer, the valid mask, the segment rows and the CLIP tables. */
  long deviceBytes() {
    long bytes = renderer.deviceBytes() + bytes(validMask);
    for (int l = 0; l < 3; l++) {
      bytes += bytes(rows[l]) + bytes(tables[l]);
    }
    return bytes;
  }

  private static long bytes(NDArray a) {
    return a.size() * a.getDataType().getNumOfBytes();
  }
}
