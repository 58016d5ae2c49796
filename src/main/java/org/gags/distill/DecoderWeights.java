package org.gags.distill;

import java.util.SplittableRandom;

/**
 * The weights of one per-pixel decoder (the reference's 1×1 convolutions), layer by layer:
 * {@code weight[l]} is out×in row-major (torch's layout), {@code bias[l]} has out entries.
 * Initialised as torch's {@code Conv2d} default: weight and bias uniform in ±1/√fan_in (from
 * {@code kaiming_uniform_(a=√5)}); the random stream is SplitMix, not torch's.
 */
public record DecoderWeights(int[] inputs, int[] outputs, double[][] weight, double[][] bias) {

  public DecoderWeights {
    if (inputs.length != outputs.length || weight.length != inputs.length || bias.length != inputs.length) {
      throw new IllegalArgumentException("decoder layer arrays disagree in count");
    }
    for (int l = 0; l < inputs.length; l++) {
      if (weight[l].length != inputs[l] * outputs[l] || bias[l].length != outputs[l]) {
        throw new IllegalArgumentException("decoder layer " + l + ": expected " + outputs[l] + "x" + inputs[l]
            + " weights and " + outputs[l] + " biases, found " + weight[l].length + " and " + bias[l].length);
      }
    }
  }

  public int layers() {
    return inputs.length;
  }

  /** The feature decoder's 9 layers: featureDim→width, 7 × width→width, width→clipDim. */
  public static DecoderWeights feature(DistillConfig cfg, long seed) {
    int n = 9;
    int[] in = new int[n];
    int[] out = new int[n];
    for (int l = 0; l < n; l++) {
      in[l] = l == 0 ? cfg.featureDim() : cfg.decoderWidth();
      out[l] = l == n - 1 ? cfg.clipDim() : cfg.decoderWidth();
    }
    return init(in, out, seed);
  }

  /** The granularity decoder: featureDim → hidden widths → 3. */
  public static DecoderWeights granularity(DistillConfig cfg, long seed) {
    int[] sizes = cfg.granularityLayerSizes();
    int n = sizes.length - 1;
    int[] in = new int[n];
    int[] out = new int[n];
    for (int l = 0; l < n; l++) {
      in[l] = sizes[l];
      out[l] = sizes[l + 1];
    }
    return init(in, out, seed);
  }

  static DecoderWeights init(int[] in, int[] out, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] w = new double[in.length][];
    double[][] b = new double[in.length][];
    for (int l = 0; l < in.length; l++) {
      double bound = 1.0 / Math.sqrt(in[l]);
      w[l] = new double[in[l] * out[l]];
      b[l] = new double[out[l]];
      for (int i = 0; i < w[l].length; i++) {
        w[l][i] = (float) rnd.nextDouble(-bound, bound);
      }
      for (int i = 0; i < b[l].length; i++) {
        b[l][i] = (float) rnd.nextDouble(-bound, bound);
      }
    }
    return new DecoderWeights(in, out, w, b);
  }

  /** y = W x + b for one pixel. */
  double[] apply(int layer, double[] x) {
    int in = inputs[layer];
    int out = outputs[layer];
    double[] y = new double[out];
    double[] wl = weight[layer];
    for (int o = 0; o < out; o++) {
      double s = bias[layer][o];
      for (int i = 0; i < in; i++) {
        s += wl[o * in + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  /** A deep copy. */
  public DecoderWeights copy() {
    double[][] w = new double[weight.length][];
    double[][] b = new double[bias.length][];
    for (int l = 0; l < weight.length; l++) {
      w[l] = weight[l].clone();
      b[l] = bias[l].clone();
    }
    return new DecoderWeights(inputs.clone(), outputs.clone(), w, b);
  }
}
