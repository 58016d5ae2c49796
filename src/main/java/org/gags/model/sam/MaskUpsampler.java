package org.gags.model.sam;

/**
 * SAM's mask postprocessing, from the decoder's 256×256 low-resolution logits to the image size:
 * bilinear (half-pixel centres, no antialias) to 1024×1024, crop to the resized image inside the
 * padded square, bilinear again to the original size. Both resizes are separable linear maps, so
 * their composition is one separable map with at most four taps per axis; this applies it in two
 * passes (columns, then rows) instead of materialising the 1024×1024 intermediate, about 30 times
 * fewer operations. {@link MaskUpsamplerReference} is the literal two-stage twin.
 */
public final class MaskUpsampler {
  public static final int LOW_RES = 256;

  private final int width;
  private final int height;
  private final Taps xTaps;
  private final Taps yTaps;
  private final float[] columns;

  /** Taps of one axis: per output index, four source indices and weights (unused ones weigh 0). */
  record Taps(int[] index, float[] weight) {}

  public MaskUpsampler(int width, int height, int resizedWidth, int resizedHeight, int padded) {
    this.width = width;
    this.height = height;
    this.xTaps = taps(width, resizedWidth, padded);
    this.yTaps = taps(height, resizedHeight, padded);
    this.columns = new float[LOW_RES * width];
  }

  public static MaskUpsampler forImage(SamImage image) {
    return new MaskUpsampler(image.width(), image.height(), image.resizedWidth(), image.resizedHeight(), image.size());
  }

  /**
   * Upsamples plane {@code plane} of {@code lowRes} ([planes, 256, 256] row-major) into
   * {@code out} (height × width). Not thread-safe: one upsampler per thread.
   */
  public void upsample(float[] lowRes, int plane, float[] out) {
    int base = plane * LOW_RES * LOW_RES;
    int[] xi = xTaps.index;
    float[] xw = xTaps.weight;
    for (int r = 0; r < LOW_RES; r++) {
      int row = base + r * LOW_RES;
      int o = r * width;
      for (int x = 0; x < width; x++) {
        int t = 4 * x;
        columns[o + x] = xw[t] * lowRes[row + xi[t]] + xw[t + 1] * lowRes[row + xi[t + 1]]
            + xw[t + 2] * lowRes[row + xi[t + 2]] + xw[t + 3] * lowRes[row + xi[t + 3]];
      }
    }
    int[] yi = yTaps.index;
    float[] yw = yTaps.weight;
    for (int y = 0; y < height; y++) {
      int t = 4 * y;
      int r0 = yi[t] * width;
      int r1 = yi[t + 1] * width;
      int r2 = yi[t + 2] * width;
      int r3 = yi[t + 3] * width;
      float w0 = yw[t];
      float w1 = yw[t + 1];
      float w2 = yw[t + 2];
      float w3 = yw[t + 3];
      int o = y * width;
      for (int x = 0; x < width; x++) {
        out[o + x] = w0 * columns[r0 + x] + w1 * columns[r1 + x] + w2 * columns[r2 + x] + w3 * columns[r3 + x];
      }
    }
  }

  /**
   * Composes, for one axis, "bilinear from 256 to {@code padded}" with "crop to {@code resized},
   * bilinear to {@code out}". Source positions follow PyTorch's align_corners=False rule:
   * {@code (i + 0.5) * in / out - 0.5}, clamped at 0, upper neighbour clamped to the last index.
   */
  static Taps taps(int out, int resized, int padded) {
    int[] index = new int[4 * out];
    float[] weight = new float[4 * out];
    for (int o = 0; o < out; o++) {
      double s = Math.max(0.0, (o + 0.5) * resized / out - 0.5);
      int j0 = (int) s;
      int j1 = Math.min(j0 + 1, resized - 1);
      double l = s - j0;
      int[] jj = {j0, j1};
      double[] wj = {1 - l, l};
      for (int a = 0; a < 2; a++) {
        double s2 = Math.max(0.0, (jj[a] + 0.5) * LOW_RES / padded - 0.5);
        int k0 = (int) s2;
        int k1 = Math.min(k0 + 1, LOW_RES - 1);
        double m = s2 - k0;
        index[4 * o + 2 * a] = k0;
        weight[4 * o + 2 * a] = (float) (wj[a] * (1 - m));
        index[4 * o + 2 * a + 1] = k1;
        weight[4 * o + 2 * a + 1] = (float) (wj[a] * m);
      }
    }
    return new Taps(index, weight);
  }
}
