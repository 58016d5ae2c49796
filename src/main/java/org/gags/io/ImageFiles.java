package org.gags.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG output of rendered float images (values in 0..1, clamped, rounded to 8 bits). */
public final class ImageFiles {
  private ImageFiles() {}

  /** RGB image, 3 floats per pixel, row-major. */
  public static BufferedImage rgbImage(float[] rgb, int width, int height) {
    if (rgb.length != 3 * width * height) {
      throw new IllegalArgumentException("rgb must hold 3*" + width + "*" + height + " floats, found " + rgb.length);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = 3 * (y * width + x);
        row[x] = (to8(rgb[p]) << 16) | (to8(rgb[p + 1]) << 8) | to8(rgb[p + 2]);
      }
      img.setRGB(0, y, width, 1, row, 0, width);
    }
    return img;
  }

  /** Single-channel image, one float per pixel. */
  public static BufferedImage grayImage(float[] values, int width, int height) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("values must hold " + width + "*" + height + " floats, found " + values.length);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) to8(values[i]);
    }
    return img;
  }

  public static void writePng(Path file, BufferedImage image) throws IOException {
    AtomicFiles.writeStream(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    });
  }

  /** Reads an image as RGB floats in 0..1 (3 per pixel, row-major). */
  public static float[] readRgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    float[] out = new float[3 * w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = 3 * (y * w + x);
        out[p] = ((row[x] >> 16) & 0xff) / 255f;
        out[p + 1] = ((row[x] >> 8) & 0xff) / 255f;
        out[p + 2] = (row[x] & 0xff) / 255f;
      }
    }
    return out;
  }

  static int to8(float v) {
    if (!(v > 0f)) {
      return 0;
    }
    return v >= 1f ? 255 : Math.round(v * 255f);
  }
}
