package org.gags.model.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.gags.scene.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Our resize gives Pillow's bytes exactly: up- and downscaling (with its antialiasing), one axis
 * only. The fixture {@code pil_resize.txt} was written by {@code pil_resize.py} with Debian's
 * Pillow 9.4.
 */
@Tag("unit")
class PilResizeTest {
  static RgbImage image(int w, int h) {
    byte[] rgb = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          rgb[3 * (y * w + x) + c] = (byte) ((x * 37 + y * 91 + c * 53 + (x * y * 7) % 29) % 256);
        }
      }
    }
    return new RgbImage(w, h, rgb);
  }

  @Test
  void matchesPillowBilinearByteForByte() throws Exception {
    int cases = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        PilResizeTest.class.getResourceAsStream("pil_resize.txt"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        int w = Integer.parseInt(f[0]);
        int h = Integer.parseInt(f[1]);
        int ow = Integer.parseInt(f[2]);
        int oh = Integer.parseInt(f[3]);
        byte[] want = HexFormat.of().parseHex(f[4]);
        RgbImage got = PilResize.resize(image(w, h), ow, oh);
        int differ = 0;
        for (int i = 0; i < want.length; i++) {
          differ += want[i] != got.rgb()[i] ? 1 : 0;
        }
        assertEquals(0, differ, w + "x" + h + " -> " + ow + "x" + oh + ": bytes that differ from Pillow");
        cases++;
      }
    }
    assertEquals(6, cases);
  }
}
