package org.gags.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads a trained 3D Gaussian Splatting scene from a binary little-endian PLY file as the INRIA
 * code and gsplat write it (one {@code vertex} element; see METHOD.md section 0).
 *
 * <p>Required properties: {@code x y z f_dc_0..2 opacity scale_0..2 rot_0..3}; optional {@code nx
 * ny nz}; the {@code f_rest_*} count (0, 9, 24 or 45) gives the SH degree; every other property is
 * kept by name in {@link GaussianCloud#extras()}. Any scalar type is accepted and converted to
 * float. The data is streamed in {@value #CHUNK_BYTES}-byte chunks straight into the cloud's
 * arrays, so reading needs little more heap than the cloud itself.
 *
 * <p>Bad content (not a PLY, ascii or big-endian, missing properties, a size that disagrees with
 * the header, non-finite values, a zero-length rotation quaternion, ...) is a {@link SceneFormatException} naming the file and where
 * in it; a file system failure is an {@link UncheckedIOException}.
 */
public final class PlyReader {
  static final int CHUNK_BYTES = 1 << 20;

  private PlyReader() {}

  public static GaussianCloud read(Path file) {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      PlyHeader header = PlyHeader.read(name, channel);
      PlyHeader.Element vertex = vertexElement(name, header);
      checkDataSize(name, header, vertex, channel.size());
      PlyVertexDecoder decoder = new PlyVertexDecoder(name, vertex, header.dataOffset());
      readRecords(name, channel, header.dataOffset(), vertex, decoder);
      return decoder.cloud();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  /** What a PLY header says, checked against the file size. */
  public record Summary(long gaussians, int shDegree, List<String> properties, long fileBytes) {}

  /** Reads and checks only the header, against the file size; the data is not read. */
  public static Summary summary(Path file) {
    return summarise(file, false);
  }

  /**
   * Checks the whole file as {@link #read} does (header, size, every value finite, every rotation
   * quaternion of non-zero length) without keeping the data: one streaming pass, little heap (the
   * scan stage's check, so that a bad PLY fails before any executor reads it).
   */
  public static Summary check(Path file) {
    return summarise(file, true);
  }

  private static Summary summarise(Path file, boolean data) {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      PlyHeader header = PlyHeader.read(name, channel);
      PlyHeader.Element vertex = vertexElement(name, header);
      checkDataSize(name, header, vertex, channel.size());
      PlyVertexDecoder decoder = PlyVertexDecoder.checking(name, vertex, header.dataOffset());
      if (data) {
        readRecords(name, channel, header.dataOffset(), vertex, decoder);
      }
      List<String> names = vertex.properties().stream().map(PlyHeader.Property::name).toList();
      return new Summary(vertex.count(), decoder.shDegree(), names, channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  /** The vertex element; any other element must be empty (INRIA files have only vertices). */
  private static PlyHeader.Element vertexElement(String file, PlyHeader header) {
    PlyHeader.Element vertex = null;
    for (PlyHeader.Element element : header.elements()) {
      if (element.name().equals("vertex") && vertex == null) {
        vertex = element;
      } else if (element.count() > 0) {
        throw new SceneFormatException(
            file,
            "element " + element.name(),
            "no data besides the vertex element (a Gaussian splat PLY has one element, vertex)",
            element.count() + " " + element.name() + " records");
      }
    }
    if (vertex == null) {
      throw new SceneFormatException(
          file,
          "header",
          "an element named vertex",
          "elements: " + elementNames(header.elements()));
    }
    for (PlyHeader.Property property : vertex.properties()) {
      if (property.list()) {
        throw new SceneFormatException(
            file,
            "element vertex, property " + property.name(),
            "scalar properties only (Gaussian splat vertices have no list properties)",
            "a list property");
      }
    }
    return vertex;
  }

  private static void checkDataSize(
      String file, PlyHeader header, PlyHeader.Element vertex, long fileSize) {
    long recordBytes = vertex.recordBytes();
    long count = vertex.count();
    long available = fileSize - header.dataOffset();
    if (recordBytes == 0 && count > 0) {
      throw new SceneFormatException(file, "element vertex", "at least one property", "none");
    }
    if (count > 0 && count > available / recordBytes) {
      long complete = available / recordBytes;
      long partial = available % recordBytes;
      String end =
          partial == 0
              ? "before vertex " + complete
              : String.format(
                  "inside vertex %d (%d of its %d bytes)", complete, partial, recordBytes);
      throw new SceneFormatException(
          file,
          "element vertex data at byte offset " + header.dataOffset(),
          String.format(
              "%d vertices × %d bytes = %d bytes of file",
              count, recordBytes, header.dataOffset() + count * recordBytes),
          String.format("a file of %d bytes: the data ends %s", fileSize, end));
    }
    long expectedEnd = header.dataOffset() + count * recordBytes;
    if (fileSize > expectedEnd) {
      throw new SceneFormatException(
          file,
          "byte offset " + expectedEnd + " (end of the " + count + " vertices the header declares)",
          "the end of the file (" + expectedEnd + " bytes)",
          String.format(
              "%d more bytes (file size %d): the header disagrees with the data",
              fileSize - expectedEnd, fileSize));
    }
    if (count > PlyVertexDecoder.maxVertices(vertex)) {
      throw new SceneFormatException(
          file,
          "element vertex",
          "at most " + PlyVertexDecoder.maxVertices(vertex) + " vertices",
          Long.toString(count));
    }
  }

  private static void readRecords(
      String file,
      FileChannel channel,
      long dataOffset,
      PlyHeader.Element vertex,
      PlyVertexDecoder decoder)
      throws IOException {
    int recordBytes = vertex.recordBytes();
    int count = (int) vertex.count();
    ByteBuffer buffer =
        ByteBuffer.allocateDirect(Math.max(CHUNK_BYTES, recordBytes))
            .order(ByteOrder.LITTLE_ENDIAN);
    channel.position(dataOffset);
    int next = 0;
    while (next < count) {
      if (channel.read(buffer) < 0) {
        throw new SceneFormatException(
            file,
            "vertex " + next,
            "the rest of the vertex data",
            "end of file (the file shrank while being read)");
      }
      buffer.flip();
      int at = buffer.position();
      while (buffer.limit() - at >= recordBytes && next < count) {
        decoder.decode(buffer, at, next++);
        at += recordBytes;
      }
      buffer.position(at);
      buffer.compact();
    }
  }

  private static String elementNames(List<PlyHeader.Element> elements) {
    if (elements.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (PlyHeader.Element e : elements) {
      sb.append(sb.length() == 0 ? "" : ", ").append(e.name());
    }
    return sb.toString();
  }
}
