package org.gags.scene;

import org.gags.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link GaussianCloud} as a binary little-endian PLY in the INRIA layout: {@code x y z nx
 * ny nz f_dc_0..2 f_rest_0.. opacity scale_0..2 rot_0..3}, then the extras in map order, all float.
 * Normals are written as 0 when the cloud has none, as the INRIA code always writes them.
 *
 * <p>The file is written to a temporary file in the same folder and moved over the target, so a
 * failure (including a non-finite value, which {@link PlyReader} would refuse) leaves nothing
 * half-written. Data goes out through a fixed-size buffer.
 */
public final class PlyWriter {
  private static final int BUFFER_BYTES = 1 << 20;

  private PlyWriter() {}

  /**
   * @throws IllegalArgumentException for a non-finite value or an extra whose name is not a valid,
   *     unique PLY property name; the target is then left as it was
   * @throws UncheckedIOException when the file system fails
   */
  public static void write(Path file, GaussianCloud cloud) {
    List<String> names = propertyNames(cloud);
    byte[] header = header(cloud.count(), names);
    AtomicFiles.write(
        file,
        channel -> {
          LittleEndianOutput out = new LittleEndianOutput(channel, BUFFER_BYTES);
          out.putBytes(header);
          writeVertices(out, cloud, names);
          out.flush();
        });
  }

  /** Property names in the order they are written. */
  static List<String> propertyNames(GaussianCloud cloud) {
    List<String> names =
        new ArrayList<>(List.of("x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"));
    int rest = 3 * GaussianCloud.restPerChannel(cloud.shDegree());
    for (int k = 0; k < rest; k++) {
      names.add("f_rest_" + k);
    }
    names.addAll(
        List.of("opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"));
    Set<String> taken = new HashSet<>(names);
    for (String extra : cloud.extras().keySet()) {
      if (extra.isEmpty() || !extra.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
        throw new IllegalArgumentException(
            "extra property name must be non-empty printable ASCII without spaces, found '"
                + extra
                + "'");
      }
      if (!taken.add(extra) || extra.startsWith("f_rest_")) {
        throw new IllegalArgumentException(
            "extra property '" + extra + "' clashes with a standard 3DGS property name");
      }
      names.add(extra);
    }
    return names;
  }

  private static byte[] header(int count, List<String> names) {
    StringBuilder sb = new StringBuilder();
    sb.append("ply\nformat binary_little_endian 1.0\nelement vertex ").append(count).append('\n');
    for (String name : names) {
      sb.append("property float ").append(name).append('\n');
    }
    sb.append("end_header\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeVertices(LittleEndianOutput out, GaussianCloud cloud, List<String> names)
      throws IOException {
    int rest = 3 * GaussianCloud.restPerChannel(cloud.shDegree());
    float[][] extras = cloud.extras().values().toArray(new float[0][]);
    float[] normals = cloud.normals();
    for (int i = 0; i < cloud.count(); i++) {
      int column = 0;
      column = put(out, cloud.positions(), 3 * i, 3, i, column, names);
      if (normals != null) {
        column = put(out, normals, 3 * i, 3, i, column, names);
      } else {
        for (int k = 0; k < 3; k++) {
          out.putFloat(0f);
        }
        column += 3;
      }
      column = put(out, cloud.shDc(), 3 * i, 3, i, column, names);
      column = put(out, cloud.shRest(), rest * i, rest, i, column, names);
      column = put(out, cloud.opacityLogits(), i, 1, i, column, names);
      column = put(out, cloud.logScales(), 3 * i, 3, i, column, names);
      column = put(out, cloud.rotations(), 4 * i, 4, i, column, names);
      for (float[] extra : extras) {
        column = put(out, extra, i, 1, i, column, names);
      }
    }
  }

  /** Writes {@code n} values from {@code from}; returns the next column. */
  private static int put(
      LittleEndianOutput out,
      float[] values,
      int from,
      int n,
      int vertex,
      int column,
      List<String> names)
      throws IOException {
    for (int k = 0; k < n; k++) {
      float v = values[from + k];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            String.format(
                "vertex %d, property %s: value %s is not finite (PLY readers refuse it)",
                vertex, names.get(column + k), v));
      }
      out.putFloat(v);
    }
    return column + n;
  }
}
