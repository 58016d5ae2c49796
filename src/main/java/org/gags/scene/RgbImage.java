package org.gags.scene;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An 8-bit RGB photo as the models see it: interleaved bytes, row-major, {@code rgb[3 * (y * width + x) + c]}.
 * Alpha is dropped; grey images are expanded to three equal channels.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  /** The most pixels an image may have: its ARGB ints and its RGB bytes must fit in Java arrays. */
  public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 4;

  public RgbImage {
    if (width <= 0 || height <= 0 || rgb.length != 3L * width * height) {
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
      throw new SceneFormatException(file.toString(), "file", "a readable image file", e.toString(), e);
    }
    return decode(file.toString(), bytes);
  }

  /** Decodes image bytes of any size; {@code name} is used in errors. */
  public static RgbImage decode(String name, byte[] bytes) {
    return decode(name, bytes, -1, -1);
  }

  /**
   * Decodes image bytes that must hold a {@code width × height} image ({@code -1, -1}: any size
   * RgbImage can hold). The file's layout is checked first ({@link ImageLayout}, with every PNG
   * chunk's CRC), then the size in its header, and only then are the pixels decoded; a decoder
   * warning (a JPEG cut short decodes with grey rows and a warning) is an error too.
   *
   * @throws SceneFormatException naming {@code name}: the only exception for bad bytes
   */
  public static RgbImage decode(String name, byte[] bytes, int width, int height) {
    BufferedImage img;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      if (bytes.length == 0) {
        throw new SceneFormatException(name, "image header", "a PNG or JPEG image", "an empty file");
      }
      ImageLayout.Format format = ImageLayout.check(name, ImageLayout.of(bytes), true);
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (format == ImageLayout.Format.OTHER || !readers.hasNext()) {
        throw new SceneFormatException(name, "image header", "a PNG or JPEG image",
            "an unknown format (" + bytes.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        checkSize(name, reader.getWidth(0), reader.getHeight(0), width, height);
        img = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new SceneFormatException(name, "image data", "a complete, undamaged " + format + " image",
              "the decoder's warning: " + String.join("; ", warnings));
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SceneFormatException f) {
        throw f;
      }
      throw new SceneFormatException(name, "image data", "a decodable PNG or JPEG image",
          e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    return of(img);
  }

  /** Refuses a header size other than the expected one, or one too large to decode into an RgbImage. */
  private static void checkSize(String name, int w, int h, int width, int height) {
    if (width >= 0 && (w != width || h != height)) {
      throw new SceneFormatException(name, "image size", width + "x" + height + " (the camera's size, as scanned)",
          w + "x" + h);
    }
    if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
      throw new SceneFormatException(name, "image size", "1.." + MAX_PIXELS + " pixels", w + "x" + h);
    }
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
