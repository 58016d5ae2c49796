package org.gags.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** The pixel size of an image file, read from its header without decoding the pixels. */
record ImageHeader(int width, int height) {
  /**
   * @throws SceneFormatException when no installed ImageIO reader recognises the file
   */
  static ImageHeader read(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("could not open " + file));
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new SceneFormatException(
            file.toString(),
            "image header",
            "an image format ImageIO reads (PNG, JPEG, BMP, GIF, ...)",
            "an unrecognised format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new ImageHeader(reader.getWidth(0), reader.getHeight(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new SceneFormatException(
          file.toString(), "image header", "a readable image header", e.getMessage(), e);
    }
  }
}
