package org.gags.model.sam;

/**
 * The literal form of SAM's mask postprocessing, in float32 like PyTorch: {@code F.interpolate} to
 * 1024×1024 (bilinear, align_corners=False), crop {@code [:resizedH, :resizedW]}, interpolate to
 * the original size. Slow (a full 1024×1024 intermediate per mask); the test twin of
 * {@link MaskUpsampler}.
 */
public final class MaskUpsamplerReference {
  private MaskUpsamplerReference() {}

  public static float[] upsample(float[] lowRes, int plane, int width, int height, int resizedWidth,
      int resizedHeight, int padded) {
    int n = MaskUpsampler.LOW_RES;
    float[] src = new float[n * n];
    System.arraycopy(lowRes, plane * n * n, src, 0, n * n);
    float[] big = bilinear(src, n, n, padded, padded);
    float[] crop = new float[resizedWidth * resizedHeight];
    for (int y = 0; y < resizedHeight; y++) {
      System.arraycopy(big, y * padded, crop, y * resizedWidth, resizedWidth);
    }
    return bilinear(crop, resizedWidth, resizedHeight, width, height);
  }

  /** PyTorch's upsample_bilinear2d with align_corners=False, one channel. */
  static float[] bilinear(float[] in, int inW, int inH, int outW, int outH) {
    float[] out = new float[outW * outH];
    float sh = (float) inH / outH;
    float sw = (float) inW / outW;
    for (int y = 0; y < outH; y++) {
      float fy = Math.max(0f, sh * (y + 0.5f) - 0.5f);
      int y0 = (int) fy;
      int y1 = Math.min(y0 + 1, inH - 1);
      float ly = fy - y0;
      for (int x = 0; x < outW; x++) {
        float fx = Math.max(0f, sw * (x + 0.5f) - 0.5f);
        int x0 = (int) fx;
        int x1 = Math.min(x0 + 1, inW - 1);
        float lx = fx - x0;
        out[y * outW + x] = (1 - ly) * ((1 - lx) * in[y0 * inW + x0] + lx * in[y0 * inW + x1])
            + ly * ((1 - lx) * in[y1 * inW + x0] + lx * in[y1 * inW + x1]);
      }
    }
    return out;
  }
}
