package org.gags.prompt;

import java.awt.image.BufferedImage;
import org.gags.scene.RgbImage;

/** Draws a level's segment map over its photo, for inspection beside the prompts that made it. */
public final class SegmentOverlay {
  private SegmentOverlay() {}

  /** Segment colours blended 55% over the photo, 1-px outlines between segments, the rest darkened. */
  public static BufferedImage draw(RgbImage photo, int[] map) {
    int w = photo.width();
    int h = photo.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = map[y * w + x];
        int r = photo.get(x, y, 0);
        int g = photo.get(x, y, 1);
        int b = photo.get(x, y, 2);
        int rgb;
        if (s < 0) {
          rgb = (r * 2 / 5) << 16 | (g * 2 / 5) << 8 | (b * 2 / 5);
        } else {
          boolean edge = (x + 1 < w && map[y * w + x + 1] != s) || (y + 1 < h && map[(y + 1) * w + x] != s);
          int c = colour(s);
          if (edge) {
            rgb = 0xffffff;
          } else {
            int cr = c >> 16 & 0xff;
            int cg = c >> 8 & 0xff;
            int cb = c & 0xff;
            rgb = ((r * 45 + cr * 55) / 100) << 16 | ((g * 45 + cg * 55) / 100) << 8 | ((b * 45 + cb * 55) / 100);
          }
        }
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  /** A saturated colour per segment id, spread around the hue circle by the golden angle. */
  public static int colour(int id) {
    float hue = (float) ((id * 0.618033988749895) % 1.0);
    return java.awt.Color.HSBtoRGB(hue, 0.85f, 0.95f) & 0xffffff;
  }
}
