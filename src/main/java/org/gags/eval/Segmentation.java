package org.gags.eval;

/**
 * The protocol's relevancy-to-mask steps before the majority vote (METHOD.md section 4), each in
 * float32 with the reference's operation order (its PyTorch float32 tensors): blend {@code ½(box30
 * + v)}, shift by the minimum and divide by {@code max + 1e-9} (1e-9 as float32), stretch {@code
 * clip(2v - 1, 0, 1)}, threshold {@code v > 0.4} (NumPy compares float32 with 0.4 as float32).
 */
public final class Segmentation {
  /** The mask threshold, as float32 like NumPy's comparison with a float32 array. */
  public static final float THRESHOLD = 0.4f;

  /** The normaliser's guard against a flat map, as a float32 operand. */
  public static final float EPSILON = 1e-9f;

  private Segmentation() {}

  /** {@code 0.5 * (box + v)}, element-wise in float32. */
  public static float[] blend(float[] v, float[] box) {
    if (v.length != box.length) {
      throw new IllegalArgumentException(v.length + " values and " + box.length + " box values");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = 0.5f * (box[i] + v[i]);
    }
    return out;
  }

  /** {@code (v - min) / (max(v - min) + 1e-9)}, in float32. */
  public static float[] normalize(float[] v) {
    float min = Float.POSITIVE_INFINITY;
    for (float a : v) {
      min = Math.min(min, a);
    }
    float[] out = new float[v.length];
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - min;
      max = Math.max(max, out[i]);
    }
    float divisor = max + EPSILON;
    for (int i = 0; i < v.length; i++) {
      out[i] = out[i] / divisor;
    }
    return out;
  }

  /** {@code clip(v * 2 + (-1), 0, 1)}, in float32. */
  public static float[] stretch(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      float s = v[i] * 2.0f + -1.0f;
      out[i] = Math.min(Math.max(s, 0f), 1f);
    }
    return out;
  }

  /** {@code v > threshold}. */
  public static boolean[] threshold(float[] v, float threshold) {
    boolean[] out = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] > threshold;
    }
    return out;
  }
}
