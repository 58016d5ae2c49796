package org.gags.scene;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An 8-bit RGB photo as the models see it: interleaved bytes, row-major, {@code rgb[3 * (y * width + x) + c]}.
 * Alpha is dropped; grey images are expanded to three equal channels.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
      throw new IllegalArgumentException("expected " + width + "x" + height + "x3 bytes, found " + rgb.length);
    }
  }

  /** Channel {@code c} of pixel (x, y), 0..255. */
  public int get(int x, int y, int c) {
    return rgb[3 * (y * width + x) + c] & 0xff;
  }

  /** Reads a PNG or JPEG file; a missing, empty or undecodable file is a {@link SceneFormatException}. */
  public static RgbImage read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SceneFormatException(file.toString(), "file", "an image file", "no such file");
    } catch (IOException e) {
      throw new SceneFormatException(file.toString(), "file", "a readable image file", e.toString());
    }
    return decode(file.toString(), bytes);
  }

  /** Decodes image bytes; {@code name} is used in errors. */
  public static RgbImage decode(String name, byte[] bytes) {
    BufferedImage img;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      img = ImageIO.read(in);
    } catch (IOException | RuntimeException e) {
      throw new SceneFormatException(name, "image data", "a decodable PNG or JPEG image", e.getMessage() == null ? e.toString() : e.getMessage());
    }
    if (img == null) {
      throw new SceneFormatException(name, "image header", "a PNG or JPEG image",
          bytes.length == 0 ? "an empty file" : "an unknown format (" + bytes.length + " bytes)");
    }
    return of(img);
  }

  public static RgbImage of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[3 * w * h];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      rgb[3 * i] = (byte) (p >>> 16);
      rgb[3 * i + 1] = (byte) (p >>> 8);
      rgb[3 * i + 2] = (byte) p;
    }
    return new RgbImage(w, h, rgb);
  }
}
