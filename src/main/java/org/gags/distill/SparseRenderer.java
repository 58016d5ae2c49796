package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.gags.render.Contributors;

/**
 * F = W·f in the engine, with autograd reaching f. Two ways, the same result:
 * {@link #gather} pads every pixel's list to the longest one and sums {@code f.get(index) · w}
 * (the gather's backward accumulates duplicate indices); {@link #coo} multiplies a sparse COO
 * matrix (pixels × Gaussians) with f. Built from the contributor lists on a manager; the arrays
 * belong to it.
 */
public interface SparseRenderer {

  /** The rendered map, pixels × featureDim, from the per-Gaussian features (Gaussians × featureDim). */
  NDArray render(NDArray features);

  /** Bytes of the engine arrays this renderer holds (element counts × element sizes). */
  long deviceBytes();

  /** A renderer holding {@code held} (for {@link #deviceBytes}) that renders with {@code render}. */
  private static SparseRenderer holding(java.util.function.UnaryOperator<NDArray> render, NDArray... held) {
    long bytes = 0;
    for (NDArray a : held) {
      bytes += a.size() * a.getDataType().getNumOfBytes();
    }
    long total = bytes;
    return new SparseRenderer() {
      @Override
      public NDArray render(NDArray features) {
        return render.apply(features);
      }

      @Override
      public long deviceBytes() {
        return total;
      }
    };
  }

  static SparseRenderer of(DistillConfig.SparseForward kind, NDManager manager, Contributors lists, int gaussians,
      DataType dtype) {
    return of(kind, manager, lists, 0, lists.width() * lists.height(), gaussians, dtype);
  }

  /** The rows of pixels {@code from} (inclusive) to {@code to} (exclusive) only: a chunk of the view. */
  static SparseRenderer of(DistillConfig.SparseForward kind, NDManager manager, Contributors lists, int from, int to,
      int gaussians, DataType dtype) {
    return switch (kind) {
      case GATHER -> gather(manager, lists, from, to, dtype);
      case COO -> coo(manager, lists, from, to, gaussians, dtype);
    };
  }

  /** Chunks rendered one after the other, their rows concatenated (autograd reaches every chunk). */
  static SparseRenderer concat(java.util.List<SparseRenderer> chunks) {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    long bytes = chunks.stream().mapToLong(SparseRenderer::deviceBytes).sum();
    return new SparseRenderer() {
      @Override
      public NDArray render(NDArray features) {
        ai.djl.ndarray.NDList parts = new ai.djl.ndarray.NDList();
        for (SparseRenderer c : chunks) {
          parts.add(c.render(features));
        }
        return ai.djl.ndarray.NDArrays.concat(parts, 0);
      }

      @Override
      public long deviceBytes() {
        return bytes;
      }
    };
  }

  /** Padded per-pixel gather: index and weight arrays of pixels × (longest list), zero weights as padding. */
  static SparseRenderer gather(NDManager manager, Contributors lists, int from, int to, DataType dtype) {
    int n = to - from;
    int[] start = lists.pixelStart();
    int longest = 1;
    for (int p = from; p < to; p++) {
      longest = Math.max(longest, start[p + 1] - start[p]);
    }
    long[] index = new long[n * longest];
    float[] weight = new float[n * longest];
    for (int p = from; p < to; p++) {
      for (int e = start[p]; e < start[p + 1]; e++) {
        index[(p - from) * longest + e - start[p]] = lists.gaussians()[e];
        weight[(p - from) * longest + e - start[p]] = lists.weights()[e];
      }
    }
    NDArray idx = manager.create(index);
    NDArray w = manager.create(weight, new Shape(n, longest, 1)).toType(dtype, false);
    int width = longest;
    return holding(features -> {
      long d = features.getShape().get(1);
      return features.get(idx).reshape(n, width, d).mul(w).sum(new int[] {1});
    }, idx, w);
  }

  /** Sparse COO matrix (pixels × Gaussians) times the features. */
  static SparseRenderer coo(NDManager manager, Contributors lists, int from, int to, int gaussians, DataType dtype) {
    int n = to - from;
    int first = lists.pixelStart()[from];
    int entries = lists.pixelStart()[to] - first;
    long[] ij = new long[2 * entries];
    for (int p = from; p < to; p++) {
      for (int e = lists.pixelStart()[p]; e < lists.pixelStart()[p + 1]; e++) {
        ij[e - first] = p - from;
        ij[entries + e - first] = lists.gaussians()[e];
      }
    }
    NDArray indices = manager.create(ij, new Shape(2, entries));
    NDArray values = manager.create(java.util.Arrays.copyOfRange(lists.weights(), first, first + entries))
        .toType(dtype, false);
    NDArray matrix =
        JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values, new Shape(n, gaussians));
    // the COO tensor shares the index and value storage: counted once
    return holding(matrix::matMul, indices, values);
  }
}
