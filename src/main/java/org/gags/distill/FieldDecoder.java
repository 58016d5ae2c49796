package org.gags.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;

/**
 * The trained feature decoder, loaded from the {@code decoders} table's NPZ, decoding rendered
 * 16-d maps to unit CLIP-space vectors in the training engine (queries, evaluation). Not thread
 * safe; close it to free the engine arrays.
 */
public final class FieldDecoder implements AutoCloseable {
  /** Pixels decoded per engine call. */
  static final int CHUNK_PIXELS = 32_768;

  private final NDManager manager;
  private final EngineDecoder decoder;
  private final int inputDim;
  private final int outputDim;

  /** Loads {@code feature_decoder.<layer>.weight/bias} from the NPZ that {@link Trainer#saveDecoders} writes. */
  public FieldDecoder(byte[] npz) {
    manager = Engine.getEngine(Trainer.ENGINE).newBaseManager(ai.djl.Device.cpu());
    try {
      NDList list = NDList.decode(manager, npz);
      Map<String, NDArray> byName = new HashMap<>();
      list.forEach(a -> byName.put(a.getName(), a));
      int layers = 0;
      while (byName.containsKey("feature_decoder." + layers + ".weight")) {
        layers++;
      }
      if (layers == 0) {
        throw new IllegalArgumentException("decoders npz: expected entries feature_decoder.<layer>.weight, found "
            + byName.keySet());
      }
      int[] in = new int[layers];
      int[] out = new int[layers];
      double[][] w = new double[layers][];
      double[][] b = new double[layers][];
      for (int l = 0; l < layers; l++) {
        NDArray weight = byName.get("feature_decoder." + l + ".weight");
        NDArray bias = byName.get("feature_decoder." + l + ".bias");
        if (bias == null || weight.getShape().dimension() != 2) {
          throw new IllegalArgumentException("decoders npz: layer " + l + " expected a 2-d weight and a bias, found "
              + weight.getShape() + " and " + (bias == null ? "no bias" : bias.getShape()));
        }
        out[l] = (int) weight.getShape().get(0);
        in[l] = (int) weight.getShape().get(1);
        w[l] = weight.toType(DataType.FLOAT64, false).toDoubleArray();
        b[l] = bias.toType(DataType.FLOAT64, false).toDoubleArray();
      }
      list.close();
      decoder = new EngineDecoder(manager, new DecoderWeights(in, out, w, b), DataType.FLOAT32);
      inputDim = in[0];
      outputDim = out[layers - 1];
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** A decoder from given weights (benchmarks; tests). */
  public FieldDecoder(DecoderWeights weights) {
    manager = Engine.getEngine(Trainer.ENGINE).newBaseManager(ai.djl.Device.cpu());
    decoder = new EngineDecoder(manager, weights, DataType.FLOAT32);
    inputDim = weights.inputs()[0];
    outputDim = weights.outputs()[weights.layers() - 1];
  }

  public int inputDim() {
    return inputDim;
  }

  public int outputDim() {
    return outputDim;
  }

  /** dec(F) for a pixel-major map of {@code inputDim} floats per pixel: {@code outputDim} unit floats per pixel. */
  public float[] decode(float[] rendered) {
    if (rendered.length % inputDim != 0) {
      throw new IllegalArgumentException("rendered map: expected a multiple of " + inputDim + " floats, found "
          + rendered.length);
    }
    int pixels = rendered.length / inputDim;
    float[] out = new float[pixels * outputDim];
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      // in chunks, so a full-resolution frame's hidden activations never all exist at once
      for (int p0 = 0; p0 < pixels; p0 += CHUNK_PIXELS) {
        int n = Math.min(CHUNK_PIXELS, pixels - p0);
        try (NDManager sub = manager.newSubManager()) {
          float[] chunk = java.util.Arrays.copyOfRange(rendered, p0 * inputDim, (p0 + n) * inputDim);
          float[] d = decoder.featureDecode(sub.create(chunk, new Shape(n, inputDim))).toFloatArray();
          System.arraycopy(d, 0, out, p0 * outputDim, d.length);
        }
      }
    } finally {
      JniUtils.setGradMode(was);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
