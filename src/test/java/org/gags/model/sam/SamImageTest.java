package org.gags.model.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gags.scene.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** SAM's preprocessing: the resized shape, normalisation, padding and the prompt frame. */
@Tag("unit")
class SamImageTest {
  @Test
  void longestSideBecomes1024AndTheOtherIsRoundedHalfUp() {
    assertArrayEquals(new int[] {768, 1024}, SamImage.resizedShape(360, 480, 1024));
    assertArrayEquals(new int[] {758, 1024}, SamImage.resizedShape(731, 988, 1024)); // 757.64 -> 758
    assertArrayEquals(new int[] {1024, 758}, SamImage.resizedShape(988, 731, 1024));
    assertArrayEquals(new int[] {576, 1024}, SamImage.resizedShape(1080, 1920, 1024));
    assertArrayEquals(new int[] {1024, 1024}, SamImage.resizedShape(300, 300, 1024));
  }

  @Test
  void pixelsAreNormalisedAndThePaddingIsZero() {
    byte[] rgb = new byte[3 * 4 * 3];
    java.util.Arrays.fill(rgb, (byte) 255);
    SamImage s = SamImage.of(new RgbImage(4, 3, rgb));
    assertEquals(1024, s.resizedWidth());
    assertEquals(768, s.resizedHeight());
    int plane = 1024 * 1024;
    assertEquals((255 - 123.675f) / 58.395f, s.chw()[0], 1e-6f);
    assertEquals((255 - 116.28f) / 57.12f, s.chw()[plane + 1023], 1e-6f);
    assertEquals((255 - 103.53f) / 57.375f, s.chw()[2 * plane + 767 * 1024], 1e-6f);
    assertEquals(0f, s.chw()[768 * 1024], "padding rows");
    assertEquals(0f, s.chw()[2 * plane + 1023 * 1024 + 1023], "padding corner");
  }

  @Test
  void promptsScaleByTheRoundedSizeRatioPerAxis() {
    SamImage s = SamImage.of(new RgbImage(988, 731, new byte[3 * 988 * 731]));
    float[] p = s.toModelFrame(494, 365);
    assertEquals(494 * 1024.0 / 988, p[0], 1e-4);
    assertEquals(365 * 758.0 / 731, p[1], 1e-4);
  }
}
