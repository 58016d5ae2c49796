package org.gags.distill;

/**
 * How close a field's decoded features are to a frame's CLIP targets, on a view the training did
 * not see: over the pixels covered at all three levels, the mean cosine of dec(F) to each level's
 * segment feature φ_s, φ_m, φ_l, and the mean of the best of the three (a field that picks a
 * consistent granularity per pixel scores high there even when no single level fits everywhere).
 * dec(F) and the CLIP features are unit vectors, so a cosine is a dot product.
 *
 * @param pixels valid pixels scored
 */
public record HeldOutQuality(long pixels, double cosS, double cosM, double cosL, double cosBest) {

  /** The quality of one decoded view. */
  public static HeldOutQuality of(Trainer.Decoded decoded, DistillView view) {
    int d = view.clipDim();
    double[] sum = new double[4];
    long n = 0;
    for (int p = 0; p < view.pixels(); p++) {
      if (!view.valid(p)) {
        continue;
      }
      double best = -2;
      for (int l = 0; l < 3; l++) {
        int row = view.segments()[l][p] * d;
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += decoded.decoded()[p * d + c] * view.clip()[l][row + c];
        }
        sum[l] += dot;
        best = Math.max(best, dot);
      }
      sum[3] += best;
      n++;
    }
    double k = Math.max(n, 1);
    return new HeldOutQuality(n, sum[0] / k, sum[1] / k, sum[2] / k, sum[3] / k);
  }

  /** Pixel-weighted mean of several views' qualities. */
  public static HeldOutQuality mean(Iterable<HeldOutQuality> all) {
    double[] s = new double[4];
    long n = 0;
    for (HeldOutQuality q : all) {
      s[0] += q.cosS * q.pixels;
      s[1] += q.cosM * q.pixels;
      s[2] += q.cosL * q.pixels;
      s[3] += q.cosBest * q.pixels;
      n += q.pixels;
    }
    double k = Math.max(n, 1);
    return new HeldOutQuality(n, s[0] / k, s[1] / k, s[2] / k, s[3] / k);
  }
}
