package org.gags.model.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The composed separable upsampling equals SAM's literal two-stage postprocessing. */
@Tag("unit")
class MaskUpsamplerTest {
  @Test
  void fastUpsamplingEqualsTheTwoStageReference() {
    int[][] sizes = {{480, 360}, {988, 731}, {731, 988}, {200, 150}, {1024, 1024}, {37, 500}};
    Random rnd = new Random(7);
    for (int[] wh : sizes) {
      int w = wh[0];
      int h = wh[1];
      int[] resized = SamImage.resizedShape(h, w, 1024);
      float[] low = new float[4 * 256 * 256];
      // Smooth blobs plus noise, logits of SAM's range.
      for (int i = 0; i < low.length; i++) {
        int x = i % 256;
        int y = (i / 256) % 256;
        low[i] = (float) (12 * Math.sin(x / 17.0) * Math.cos(y / 23.0) + rnd.nextGaussian());
      }
      MaskUpsampler fast = new MaskUpsampler(w, h, resized[1], resized[0], 1024);
      float[] out = new float[w * h];
      for (int plane = 0; plane < 4; plane++) {
        fast.upsample(low, plane, out);
        float[] ref = MaskUpsamplerReference.upsample(low, plane, w, h, resized[1], resized[0], 1024);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < out.length; i++) {
          worst = Math.max(worst, Math.abs(out[i] - ref[i]));
          scale = Math.max(scale, Math.abs(ref[i]));
        }
        // Same arithmetic up to float rounding: both sum the same products in another order.
        assertTrue(worst <= 1e-5 * scale, w + "x" + h + " plane " + plane + ": max difference " + worst
            + " at values up to " + scale);
      }
    }
  }

  @Test
  void tapsOfEveryOutputPixelSumToOne() {
    MaskUpsampler.Taps t = MaskUpsampler.taps(731, 758, 1024);
    for (int o = 0; o < 731; o++) {
      float s = 0;
      for (int k = 0; k < 4; k++) {
        s += t.weight()[4 * o + k];
        assertTrue(t.index()[4 * o + k] >= 0 && t.index()[4 * o + k] < 256);
      }
      assertEquals(1f, s, 1e-6f);
    }
  }

  @Test
  void aConstantMapStaysConstant() {
    float[] low = new float[256 * 256];
    java.util.Arrays.fill(low, 3.25f);
    float[] out = new float[120 * 90];
    new MaskUpsampler(120, 90, 1024, 768, 1024).upsample(low, 0, out);
    for (float v : out) {
      assertEquals(3.25f, v, 1e-5f);
    }
  }
}
