package org.gags.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The pixel size of an image file, read from its header without decoding the pixels, after the
 * file's layout (PNG chunks, JPEG segments) has been checked against its size ({@link
 * ImageLayout}).
 */
record ImageHeader(int width, int height) {
  /**
   * @throws SceneFormatException when the file is missing, its layout is broken or no installed
   *     ImageIO reader recognises it
   */
  static ImageHeader read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ImageLayout.check(file.toString(), ImageLayout.of(channel), false);
      channel.position(0);
      try (ImageInputStream in = new MemoryCacheImageInputStream(Channels.newInputStream(channel))) {
        return read(file.toString(), in);
      }
    } catch (NoSuchFileException e) {
      throw new SceneFormatException(file.toString(), "file", "an image file", "no such file");
    } catch (IOException e) {
      throw new SceneFormatException(
          file.toString(), "image header", "a readable image header", String.valueOf(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new SceneFormatException(
          file.toString(), "image header", "a readable image header", String.valueOf(e.getMessage()), e);
    }
  }

  /** The size in the header of the image {@code in} holds; {@code file} names it in errors. */
  static ImageHeader read(String file, ImageInputStream in) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new SceneFormatException(
          file,
          "image header",
          "an image format ImageIO reads (PNG, JPEG, BMP, GIF, ...)",
          "an unrecognised format");
    }
    ImageReader reader = readers.next();
    try {
      reader.setInput(in, true, true);
      return new ImageHeader(reader.getWidth(0), reader.getHeight(0));
    } catch (RuntimeException e) {
      // ImageIO's readers throw unchecked exceptions on some damaged headers.
      throw new SceneFormatException(file, "image header", "a readable image header", e.toString(), e);
    } finally {
      reader.dispose();
    }
  }
}
