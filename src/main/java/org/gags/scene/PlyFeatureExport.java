package org.gags.scene;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A splat PLY with per-Gaussian features appended to every vertex as {@code semantic_0..D-1}
 * (float), as the reference's feature checkpoints store them. Every original property and byte is
 * kept; the file is written under a temporary name and moved into place, so a failed export leaves
 * nothing half-written.
 */
public final class PlyFeatureExport {
  public static final String PREFIX = "semantic_";

  private PlyFeatureExport() {}

  /** Writes {@code target}: {@code source}'s vertices, each followed by its {@code dim} features. */
  public static void write(Path source, Path target, float[] features, int dim) {
    String name = source.toString();
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      PlyHeader header = PlyHeader.read(name, in);
      if (header.elements().size() != 1 || !header.elements().get(0).name().equals("vertex")) {
        throw new SceneFormatException(name, "header", "one element, vertex", header.elements().size() + " elements");
      }
      PlyHeader.Element vertex = header.elements().get(0);
      for (PlyHeader.Property p : vertex.properties()) {
        if (p.list() || p.name().startsWith(PREFIX)) {
          throw new SceneFormatException(name, "element vertex, property " + p.name(),
              "scalar properties and no " + PREFIX + "* yet", p.list() ? "a list property" : "an existing feature");
        }
      }
      if (dim <= 0 || (long) features.length != vertex.count() * dim) {
        throw new IllegalArgumentException("features for " + name + ": expected " + vertex.count() + " × " + dim
            + " floats, found " + features.length);
      }
      byte[] head = new byte[(int) header.dataOffset()];
      in.read(ByteBuffer.wrap(head), 0);
      String text = new String(head, StandardCharsets.US_ASCII);
      int end = text.lastIndexOf("end_header");
      StringBuilder extra = new StringBuilder();
      for (int c = 0; c < dim; c++) {
        extra.append("property float ").append(PREFIX).append(c).append('\n');
      }
      byte[] newHead = (text.substring(0, end) + extra + text.substring(end)).getBytes(StandardCharsets.US_ASCII);
      Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
      int record = vertex.recordBytes();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        out.write(newHead);
        ByteBuffer rec = ByteBuffer.allocate(record);
        ByteBuffer f = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
        long at = header.dataOffset();
        for (long v = 0; v < vertex.count(); v++) {
          rec.clear();
          while (rec.hasRemaining()) {
            if (in.read(rec, at + rec.position()) < 0) {
              throw new SceneFormatException(name, "vertex " + v, record + " bytes", "the end of the file");
            }
          }
          at += record;
          out.write(rec.array());
          f.clear();
          for (int c = 0; c < dim; c++) {
            f.putFloat(features[(int) (v * dim + c)]);
          }
          out.write(f.array());
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export features of " + name + " to " + target + ": " + e.getMessage(), e);
    }
  }
}
