package org.gags.embed;

/**
 * The slow twin of {@link ClipCrop}, written for clarity: it materialises the masked crop and the
 * padded square as the reference does ({@code get_seg_img}, {@code pad_img}) and resizes with plain
 * bilinear interpolation in double precision (half-pixel centres, edge replication), rounding to
 * the nearest 8-bit value. {@link ClipCrop} follows OpenCV's fixed-point arithmetic instead, so the
 * two may differ by a rounding step; {@code ClipCropTest} bounds the difference.
 */
public final class ClipCropReference {
  private ClipCropReference() {}

  /** The resized crop, 224×224×3 bytes interleaved (as {@link ClipCrop#pixels}). */
  public static byte[] pixels(ClipCrop.Image image, ClipCrop.MaskPixels mask, ClipCrop.Box box) {
    ClipCrop.Layout lay = ClipCrop.Layout.of(box, image.width(), image.height());
    // get_seg_img: black outside the mask, then image[y:y+h, x:x+w].
    int[][][] seg = new int[lay.h()][lay.w()][3];
    for (int y = 0; y < lay.h(); y++) {
      for (int x = 0; x < lay.w(); x++) {
        int ix = lay.x0() + x;
        int iy = lay.y0() + y;
        for (int c = 0; c < 3; c++) {
          seg[y][x][c] = mask.get(ix, iy) ? image.channel(ix, iy, c) : 0;
        }
      }
    }
    // pad_img: a black l×l square with the crop centred on its short axis.
    int l = lay.l();
    int[][][] pad = new int[l][l][3];
    for (int y = 0; y < lay.h(); y++) {
      for (int x = 0; x < lay.w(); x++) {
        pad[lay.oy() + y][lay.ox() + x] = seg[y][x];
      }
    }
    int n = ClipCrop.SIZE;
    byte[] out = new byte[n * n * 3];
    double scale = (double) l / n;
    for (int dy = 0; dy < n; dy++) {
      double fy = (dy + 0.5) * scale - 0.5;
      int y0 = (int) Math.floor(fy);
      double ty = fy - y0;
      for (int dx = 0; dx < n; dx++) {
        double fx = (dx + 0.5) * scale - 0.5;
        int x0 = (int) Math.floor(fx);
        double tx = fx - x0;
        for (int c = 0; c < 3; c++) {
          double top = (1 - tx) * at(pad, x0, y0, c) + tx * at(pad, x0 + 1, y0, c);
          double bottom = (1 - tx) * at(pad, x0, y0 + 1, c) + tx * at(pad, x0 + 1, y0 + 1, c);
          double v = (1 - ty) * top + ty * bottom;
          out[(dy * n + dx) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) Math.floor(v + 0.5)));
        }
      }
    }
    return out;
  }

  /** The normalised crop, as {@link ClipCrop#crop}. */
  public static float[] crop(ClipCrop.Image image, ClipCrop.MaskPixels mask, ClipCrop.Box box) {
    byte[] px = pixels(image, mask, box);
    int n = ClipCrop.SIZE;
    float[] out = new float[ClipCrop.FLOATS];
    for (int p = 0; p < n * n; p++) {
      for (int c = 0; c < 3; c++) {
        float v = (px[3 * p + c] & 0xff) / 255f;
        out[c * n * n + p] = (v - ClipCrop.MEAN[c]) / ClipCrop.STD[c];
      }
    }
    return out;
  }

  /** Edge replication: coordinates outside the square take the nearest border pixel. */
  private static int at(int[][][] pad, int x, int y, int c) {
    int l = pad.length;
    return pad[Math.max(0, Math.min(l - 1, y))][Math.max(0, Math.min(l - 1, x))][c];
  }
}
