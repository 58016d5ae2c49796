package org.gags.model.sam;

import org.gags.scene.RgbImage;

/**
 * Pillow's bilinear resize of an 8-bit RGB image ({@code Image.resize(size, BILINEAR)}), which SAM's
 * {@code ResizeLongestSide.apply_image} uses through torchvision: a separable triangle filter whose
 * support grows with the downscale factor (antialiasing), fixed-point coefficients with 22 fraction
 * bits, a horizontal pass into an 8-bit intermediate image, then a vertical pass, each rounded and
 * clipped to 0..255. Follows Pillow's {@code Resample.c} (precompute_coeffs, normalize_coeffs_8bpc).
 */
public final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResize() {}

  public static RgbImage resize(RgbImage in, int outW, int outH) {
    byte[] src = in.rgb();
    int inW = in.width();
    int inH = in.height();
    byte[] mid = src;
    int midW = inW;
    if (outW != inW) {
      Coeffs cx = coeffs(inW, outW);
      mid = new byte[3 * outW * inH];
      for (int y = 0; y < inH; y++) {
        int row = 3 * y * inW;
        int orow = 3 * y * outW;
        for (int x = 0; x < outW; x++) {
          int lo = cx.bounds[2 * x];
          int n = cx.bounds[2 * x + 1];
          int base = x * cx.kSize;
          for (int c = 0; c < 3; c++) {
            long ss = 1L << (PRECISION_BITS - 1);
            for (int k = 0; k < n; k++) {
              ss += (src[row + 3 * (lo + k) + c] & 0xff) * (long) cx.k[base + k];
            }
            mid[orow + 3 * x + c] = clip8(ss);
          }
        }
      }
      midW = outW;
    }
    if (outH == inH) {
      return new RgbImage(midW, inH, mid == src ? src.clone() : mid);
    }
    Coeffs cy = coeffs(inH, outH);
    byte[] out = new byte[3 * outW * outH];
    for (int y = 0; y < outH; y++) {
      int lo = cy.bounds[2 * y];
      int n = cy.bounds[2 * y + 1];
      int base = y * cy.kSize;
      for (int x = 0; x < outW; x++) {
        for (int c = 0; c < 3; c++) {
          long ss = 1L << (PRECISION_BITS - 1);
          for (int k = 0; k < n; k++) {
            ss += (mid[3 * ((lo + k) * midW + x) + c] & 0xff) * (long) cy.k[base + k];
          }
          out[3 * (y * outW + x) + c] = clip8(ss);
        }
      }
    }
    return new RgbImage(outW, outH, out);
  }

  private static byte clip8(long ss) {
    long v = ss >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
  }

  private record Coeffs(int kSize, int[] bounds, int[] k) {}

  private static Coeffs coeffs(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = 1.0 * filterScale;
    int kSize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[2 * outSize];
    int[] kk = new int[outSize * kSize];
    double[] k = new double[kSize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterScale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      double ww = 0;
      for (int x = 0; x < xmax; x++) {
        double w = triangle((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        double v = ww != 0 ? k[x] / ww : k[x];
        kk[xx * kSize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[2 * xx] = xmin;
      bounds[2 * xx + 1] = xmax;
    }
    return new Coeffs(kSize, bounds, kk);
  }

  private static double triangle(double x) {
    x = Math.abs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
  }
}
