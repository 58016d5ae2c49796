package org.gags.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder's parameters as engine arrays that require gradients (weight out×in, bias out per
 * layer), with the two forwards of {@link DistillLossReference} written in array ops on
 * pixels × channels.
 */
final class EngineDecoder {
  final NDArray[] weight;
  final NDArray[] bias;
  private final int[] inputs;
  private final int[] outputs;

  EngineDecoder(NDManager manager, DecoderWeights w, DataType dtype) {
    int n = w.layers();
    weight = new NDArray[n];
    bias = new NDArray[n];
    inputs = w.inputs().clone();
    outputs = w.outputs().clone();
    for (int l = 0; l < n; l++) {
      weight[l] = manager.create(w.weight()[l], new Shape(outputs[l], inputs[l])).toType(dtype, false);
      bias[l] = manager.create(w.bias()[l]).toType(dtype, false);
      weight[l].setRequiresGradient(true);
      bias[l].setRequiresGradient(true);
    }
  }

  /** Weights and biases, layer by layer (w0, b0, w1, b1, ...). */
  List<NDArray> parameters() {
    List<NDArray> p = new ArrayList<>();
    for (int l = 0; l < weight.length; l++) {
      p.add(weight[l]);
      p.add(bias[l]);
    }
    return p;
  }

  /** x·Wᵀ + b as one fused product (torch's {@code linear}, an addmm), as {@code nn.Linear} computes it. */
  NDArray linear(int l, NDArray x) {
    return ai.djl.nn.core.Linear.linear(x, weight[l], bias[l]).singletonOrThrow();
  }

  /** The feature decoder with its two residual blocks, L2-normalised over channels (eps 1e-12). */
  NDArray featureDecode(NDArray x) {
    NDArray x1 = Activation.relu(linear(0, x));
    NDArray x2 = Activation.relu(linear(2, Activation.relu(linear(1, x1))));
    NDArray x3 = Activation.relu(linear(3, x1.add(x2)));
    NDArray x4 = Activation.relu(linear(5, Activation.relu(linear(4, x3))));
    NDArray x5 = Activation.relu(linear(7, Activation.relu(linear(6, x3.add(x4)))));
    return linear(8, x5).normalize(2, 1, DistillLossReference.NORMALIZE_EPS);
  }

  /** The granularity decoder: linear layers, ReLU between, softmax over the 3 outputs. */
  NDArray granularity(NDArray x) {
    NDArray h = x;
    for (int l = 0; l < weight.length; l++) {
      h = linear(l, h);
      if (l < weight.length - 1) {
        h = Activation.relu(h);
      }
    }
    return h.softmax(1);
  }

  DecoderWeights toWeights() {
    double[][] w = new double[weight.length][];
    double[][] b = new double[weight.length][];
    for (int l = 0; l < weight.length; l++) {
      w[l] = weight[l].toType(DataType.FLOAT64, false).toDoubleArray();
      b[l] = bias[l].toType(DataType.FLOAT64, false).toDoubleArray();
    }
    return new DecoderWeights(inputs.clone(), outputs.clone(), w, b);
  }
}
