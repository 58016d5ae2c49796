package org.gags.scene;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the properties of a 3DGS PLY {@code vertex} element onto the arrays of a {@link
 * GaussianCloud} (checking that the required ones are there and inferring the SH degree from the
 * {@code f_rest_*} count), then decodes vertex records straight into those arrays, refusing
 * non-finite values and zero-length rotation quaternions. A {@link #checking} decoder applies the
 * same checks without keeping any value (the scan stage's pass over a PLY).
 */
final class PlyVertexDecoder {
  private static final String[] POSITION = {"x", "y", "z"};
  private static final String[] NORMAL = {"nx", "ny", "nz"};
  private static final String[] SH_DC = {"f_dc_0", "f_dc_1", "f_dc_2"};
  private static final String[] OPACITY = {"opacity"};
  private static final String[] SCALE = {"scale_0", "scale_1", "scale_2"};
  private static final String[] ROTATION = {"rot_0", "rot_1", "rot_2", "rot_3"};
  private static final String REST_PREFIX = "f_rest_";

  private final String file;
  private final long dataOffset;
  private final int recordBytes;
  private final int count;
  private final int shDegree;
  private final boolean keep;
  private final float[] positions;
  private final float[] normals;
  private final float[] shDc;
  private final float[] shRest;
  private final float[] opacityLogits;
  private final float[] logScales;
  private final float[] rotations;
  private final Map<String, float[]> extras = new LinkedHashMap<>();

  // Per property, in file order: where it is in a record and where its value goes.
  private final String[] names;
  private final PlyType[] types;
  private final int[] byteOffsets;
  private final float[][] targets;
  private final int[] strides;
  private final int[] slots;
  // rot_k's position among the properties, and the current vertex's quaternion.
  private final int[] rotationProperty = new int[ROTATION.length];
  private final double[] quaternion = new double[ROTATION.length];

  /**
   * Checks the element's properties (which the caller has checked are all scalar) and allocates the
   * destination arrays.
   *
   * @param dataOffset byte offset of the first vertex record in the file, for error messages
   */
  PlyVertexDecoder(String file, PlyHeader.Element vertex, long dataOffset) {
    this(file, vertex, dataOffset, true);
  }

  /** A decoder that checks every record as {@link #decode} does but keeps no value (no arrays). */
  static PlyVertexDecoder checking(String file, PlyHeader.Element vertex, long dataOffset) {
    return new PlyVertexDecoder(file, vertex, dataOffset, false);
  }

  private PlyVertexDecoder(String file, PlyHeader.Element vertex, long dataOffset, boolean keep) {
    this.file = file;
    this.keep = keep;
    this.dataOffset = dataOffset;
    this.recordBytes = vertex.recordBytes();
    this.count = Math.toIntExact(vertex.count());
    List<PlyHeader.Property> properties = vertex.properties();
    Map<String, Integer> index = indexByName(vertex);
    for (String[] group : new String[][] {POSITION, SH_DC, OPACITY, SCALE, ROTATION}) {
      for (String name : group) {
        if (!index.containsKey(name)) {
          throw new SceneFormatException(
              file,
              "element vertex",
              "a property named '" + name + "'",
              "properties: " + vertex.propertyNames());
        }
      }
    }
    int normalCount = countPresent(index, NORMAL);
    if (normalCount != 0 && normalCount != 3) {
      throw new SceneFormatException(
          file,
          "element vertex",
          "all of nx ny nz or none of them",
          "properties: " + vertex.propertyNames());
    }
    int restCount = restCount(vertex, index);
    this.shDegree = shDegreeOf(restCount);

    int n = properties.size();
    names = new String[n];
    types = new PlyType[n];
    byteOffsets = new int[n];
    targets = new float[n][];
    strides = new int[n];
    slots = new int[n];
    int kept = keep ? count : 0;
    positions = new float[3 * kept];
    normals = normalCount == 3 ? new float[3 * kept] : null;
    shDc = new float[3 * kept];
    shRest = new float[restCount * kept];
    opacityLogits = new float[kept];
    logScales = new float[3 * kept];
    rotations = new float[4 * kept];

    int offset = 0;
    for (int p = 0; p < n; p++) {
      PlyHeader.Property property = properties.get(p);
      names[p] = property.name();
      types[p] = property.type();
      byteOffsets[p] = offset;
      offset += property.type().bytes();
    }
    route(index, POSITION, positions);
    if (normals != null) {
      route(index, NORMAL, normals);
    }
    route(index, SH_DC, shDc);
    route(index, OPACITY, opacityLogits);
    route(index, SCALE, logScales);
    route(index, ROTATION, rotations);
    for (int k = 0; k < restCount; k++) {
      int p = index.get(REST_PREFIX + k);
      targets[p] = shRest;
      strides[p] = restCount;
      slots[p] = k;
    }
    for (int k = 0; k < ROTATION.length; k++) {
      rotationProperty[k] = index.get(ROTATION[k]);
    }
    for (int p = 0; p < n; p++) {
      if (targets[p] == null) {
        float[] values = new float[kept];
        extras.put(names[p], values);
        targets[p] = values;
        strides[p] = 1;
        slots[p] = 0;
      }
    }
  }

  /** The most vertices a file with this element's properties can have (array length limit). */
  static long maxVertices(PlyHeader.Element vertex) {
    long restCount =
        vertex.properties().stream().filter(p -> p.name().startsWith(REST_PREFIX)).count();
    long widest = Math.max(4, restCount);
    return (Integer.MAX_VALUE - 8) / widest;
  }

  /** Decodes vertex {@code vertex}, whose record starts at byte {@code at} of {@code buffer}. */
  void decode(ByteBuffer buffer, int at, int vertex) {
    for (int p = 0; p < types.length; p++) {
      int position = at + byteOffsets[p];
      float value;
      if (types[p] == PlyType.FLOAT32) {
        value = buffer.getFloat(position);
      } else {
        double wide = types[p].read(buffer, position);
        value = (float) wide;
        if (Double.isFinite(wide) && !Float.isFinite(value)) {
          throw nonFinite(vertex, p, wide + " (outside the float range)");
        }
      }
      if (!Float.isFinite(value)) {
        throw nonFinite(vertex, p, Float.toString(value));
      }
      if (keep) {
        targets[p][vertex * strides[p] + slots[p]] = value;
      }
    }
    double norm2 = 0;
    for (int k = 0; k < quaternion.length; k++) {
      int p = rotationProperty[k];
      double q = types[p] == PlyType.FLOAT32
          ? buffer.getFloat(at + byteOffsets[p])
          : (float) types[p].read(buffer, at + byteOffsets[p]);
      quaternion[k] = q;
      norm2 += q * q;
    }
    if (!(norm2 > 0)) {
      throw zeroQuaternion(vertex);
    }
  }

  /** The SH degree the {@code f_rest_*} properties give. */
  int shDegree() {
    return shDegree;
  }

  /** The cloud over the arrays filled so far (a {@link #checking} decoder has none). */
  GaussianCloud cloud() {
    if (!keep) {
      throw new IllegalStateException("a checking decoder keeps no values");
    }
    return new GaussianCloud(
        count,
        shDegree,
        positions,
        normals,
        shDc,
        shRest,
        opacityLogits,
        logScales,
        rotations,
        extras);
  }

  private SceneFormatException nonFinite(int vertex, int property, String found) {
    long at = dataOffset + (long) vertex * recordBytes + byteOffsets[property];
    return new SceneFormatException(
        file,
        "vertex " + vertex + ", property " + names[property] + " (byte offset " + at + ")",
        "a finite value",
        found);
  }

  private SceneFormatException zeroQuaternion(int vertex) {
    long at = dataOffset + (long) vertex * recordBytes + byteOffsets[rotationProperty[0]];
    return new SceneFormatException(
        file,
        "vertex " + vertex + ", properties rot_0..rot_3 (byte offset " + at + ")",
        "a rotation quaternion of non-zero length (the Gaussian's orientation)",
        quaternion[0] + ", " + quaternion[1] + ", " + quaternion[2] + ", " + quaternion[3]);
  }

  private void route(Map<String, Integer> index, String[] group, float[] target) {
    for (int k = 0; k < group.length; k++) {
      int p = index.get(group[k]);
      targets[p] = target;
      strides[p] = group.length;
      slots[p] = k;
    }
  }

  private Map<String, Integer> indexByName(PlyHeader.Element vertex) {
    Map<String, Integer> index = new HashMap<>();
    List<PlyHeader.Property> properties = vertex.properties();
    for (int p = 0; p < properties.size(); p++) {
      PlyHeader.Property property = properties.get(p);
      if (index.put(property.name(), p) != null) {
        throw new SceneFormatException(
            file, "element vertex", "unique property names", "'" + property.name() + "' twice");
      }
    }
    return index;
  }

  private static int countPresent(Map<String, Integer> index, String[] group) {
    int present = 0;
    for (String name : group) {
      present += index.containsKey(name) ? 1 : 0;
    }
    return present;
  }

  /** Number of f_rest_* properties, checking that they are f_rest_0..f_rest_{n-1}. */
  private int restCount(PlyHeader.Element vertex, Map<String, Integer> index) {
    int restCount = 0;
    for (PlyHeader.Property property : vertex.properties()) {
      String name = property.name();
      if (name.startsWith(REST_PREFIX)) {
        String suffix = name.substring(REST_PREFIX.length());
        if (!suffix.matches("0|[1-9][0-9]{0,8}")) {
          throw new SceneFormatException(
              file, "element vertex, property " + name, "a name f_rest_<index>", "'" + name + "'");
        }
        restCount++;
      }
    }
    for (int k = 0; k < restCount; k++) {
      if (!index.containsKey(REST_PREFIX + k)) {
        throw new SceneFormatException(
            file,
            "element vertex",
            "f_rest_0..f_rest_" + (restCount - 1) + " without gaps",
            "f_rest_" + k + " missing among " + restCount + " f_rest_* properties");
      }
    }
    return restCount;
  }

  private int shDegreeOf(int restCount) {
    for (int degree = 0; degree <= 3; degree++) {
      if (restCount == 3 * GaussianCloud.restPerChannel(degree)) {
        return degree;
      }
    }
    throw new SceneFormatException(
        file,
        "element vertex",
        "0, 9, 24 or 45 f_rest_* properties (SH degree 0, 1, 2 or 3)",
        restCount + " f_rest_* properties");
  }
}
