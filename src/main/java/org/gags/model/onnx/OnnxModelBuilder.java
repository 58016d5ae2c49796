package org.gags.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gags.io.AtomicFiles;

/**
 * Builds a serialised ONNX {@code ModelProto} (IR version 8, default-domain opset 17) on the
 * protobuf wire, without a protobuf library: graph inputs and outputs with fixed or symbolic
 * dimensions, float and int64 initializers (stored as little-endian {@code raw_data}), nodes with
 * int, float, string, ints and floats attributes, and metadata properties. Everything is written in
 * the order it was added, so the same calls give the same bytes on every machine.
 *
 * <pre>{@code
 * OnnxModelBuilder m = new OnnxModelBuilder("add_one");
 * m.input("x", OnnxModelBuilder.FLOAT, "B", 3);
 * String one = m.floatInitializer("one", new float[] {1f}, 1);
 * m.node("Add", "x", one).output("y");
 * m.output("y", OnnxModelBuilder.FLOAT, "B", 3);
 * byte[] onnx = m.build();
 * }</pre>
 *
 * Field numbers follow {@code onnx.proto}: ModelProto{ir_version=1, producer_name=2,
 * producer_version=3, doc_string=6, graph=7, opset_import=8, metadata_props=14}, GraphProto{node=1,
 * name=2, initializer=5, doc_string=10, input=11, output=12}, NodeProto{input=1, output=2, name=3,
 * op_type=4, attribute=5}, AttributeProto{name=1, f=2, i=3, s=4, floats=7, ints=8, type=20},
 * TensorProto{dims=1, data_type=2, name=8, raw_data=9}, ValueInfoProto{name=1, type=2}.
 */
public final class OnnxModelBuilder {
  public static final int IR_VERSION = 8;
  public static final int OPSET = 17;
  /** TensorProto.DataType FLOAT. */
  public static final int FLOAT = 1;
  /** TensorProto.DataType INT64. */
  public static final int INT64 = 7;

  private static final int ATTR_FLOAT = 1;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_FLOATS = 6;
  private static final int ATTR_INTS = 7;

  private final String graphName;
  private String producerName = "gags";
  private String producerVersion = "";
  private String docString = "";
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final List<byte[]> inputs = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();
  private final List<byte[]> initializers = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private int nextTemp;

  public OnnxModelBuilder(String graphName) {
    this.graphName = graphName;
  }

  public OnnxModelBuilder producer(String name, String version) {
    this.producerName = name;
    this.producerVersion = version;
    return this;
  }

  public OnnxModelBuilder docString(String doc) {
    this.docString = doc;
    return this;
  }

  /** A {@code metadata_props} entry (ONNX Runtime exposes them as custom metadata). */
  public OnnxModelBuilder metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /**
   * A graph input. Each dimension is an {@link Integer} or {@link Long} (fixed) or a
   * {@link String} (symbolic, such as {@code "B"}).
   */
  public OnnxModelBuilder input(String name, int elemType, Object... dims) {
    claim(name);
    inputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  /** A graph output: the name of a tensor some node produces (dimensions as for inputs). */
  public OnnxModelBuilder output(String name, int elemType, Object... dims) {
    outputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  /** A float initializer of the given shape; returns its name. */
  public String floatInitializer(String name, float[] values, long... dims) {
    checkCount(name, values.length, dims);
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return initializer(name, FLOAT, b.array(), dims);
  }

  /** An int64 initializer of the given shape; returns its name. */
  public String int64Initializer(String name, long[] values, long... dims) {
    checkCount(name, values.length, dims);
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return initializer(name, INT64, b.array(), dims);
  }

  /** A float scalar-like initializer of shape [n] (broadcasts against anything). */
  public String floats(String name, float... values) {
    return floatInitializer(name, values, values.length);
  }

  /** An int64 initializer of shape [n], as Reshape shapes, axes and Gather indices need. */
  public String int64s(String name, long... values) {
    return int64Initializer(name, values, values.length);
  }

  /**
   * A node of the default domain reading the named tensors ({@code ""} for an omitted optional
   * input). Its outputs are set with {@link Node#output} or, when none is set, one is named
   * automatically ({@link Node#out()}).
   */
  public Node node(String opType, String... inputNames) {
    Node n = new Node(opType, List.of(inputNames));
    nodes.add(n);
    return n;
  }

  /** The serialised model. */
  public byte[] build() {
    ProtoWire.Writer graph = new ProtoWire.Writer();
    int k = 0;
    for (Node n : nodes) {
      graph.message(1, n.encode(k++));
    }
    graph.string(2, graphName);
    for (byte[] t : initializers) {
      graph.bytes(5, t);
    }
    if (!docString.isEmpty()) {
      graph.string(10, docString);
    }
    for (byte[] v : inputs) {
      graph.bytes(11, v);
    }
    for (byte[] v : outputs) {
      graph.bytes(12, v);
    }
    ProtoWire.Writer model = new ProtoWire.Writer()
        .varint(1, IR_VERSION)
        .string(2, producerName);
    if (!producerVersion.isEmpty()) {
      model.string(3, producerVersion);
    }
    if (!docString.isEmpty()) {
      model.string(6, docString);
    }
    model.message(7, graph);
    model.message(8, new ProtoWire.Writer().string(1, "").varint(2, OPSET));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      model.message(14, new ProtoWire.Writer().string(1, e.getKey()).string(2, e.getValue()));
    }
    return model.toByteArray();
  }

  /** Writes the model atomically (an {@link java.io.UncheckedIOException} when the file system fails). */
  public void write(Path file) {
    AtomicFiles.write(file, build());
  }

  private String initializer(String name, int dataType, byte[] raw, long[] dims) {
    claim(name);
    ProtoWire.Writer t = new ProtoWire.Writer();
    if (dims.length > 0) {
      t.packedVarints(1, dims);
    }
    t.varint(2, dataType).string(8, name).bytes(9, raw);
    initializers.add(t.toByteArray());
    return name;
  }

  private static void checkCount(String name, int count, long[] dims) {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("initializer " + name + ": dimensions must be >= 0, found " + d);
      }
      n *= d;
    }
    if (n != count) {
      throw new IllegalArgumentException("initializer " + name + ": shape " + java.util.Arrays.toString(dims)
          + " holds " + n + " values, found " + count);
    }
  }

  private void claim(String name) {
    if (name.isEmpty() || !names.add(name)) {
      throw new IllegalArgumentException("tensor name " + (name.isEmpty() ? "(empty)" : name)
          + ": expected a new non-empty name, found it already used");
    }
  }

  private static byte[] valueInfo(String name, int elemType, Object[] dims) {
    ProtoWire.Writer shape = new ProtoWire.Writer();
    for (Object d : dims) {
      ProtoWire.Writer dim = new ProtoWire.Writer();
      if (d instanceof Integer || d instanceof Long) {
        dim.varint(1, ((Number) d).longValue());
      } else if (d instanceof String s) {
        dim.string(2, s);
      } else {
        throw new IllegalArgumentException("value " + name + ": a dimension must be an Integer, Long or String, found " + d);
      }
      shape.message(1, dim);
    }
    ProtoWire.Writer tensor = new ProtoWire.Writer().varint(1, elemType).message(2, shape);
    ProtoWire.Writer type = new ProtoWire.Writer().message(1, tensor);
    return new ProtoWire.Writer().string(1, name).message(2, type).toByteArray();
  }

  /** One node under construction. */
  public final class Node {
    private final String opType;
    private final List<String> inputNames;
    private final List<String> outputNames = new ArrayList<>();
    private final List<byte[]> attributes = new ArrayList<>();

    private Node(String opType, List<String> inputNames) {
      this.opType = opType;
      this.inputNames = inputNames;
    }

    /** Names (another of) this node's outputs. */
    public Node output(String name) {
      claim(name);
      outputNames.add(name);
      return this;
    }

    /** The node's first output, named {@code <op_type>_<n>} if none was given. */
    public String out() {
      if (outputNames.isEmpty()) {
        String name;
        do {
          name = opType.toLowerCase(java.util.Locale.ROOT) + "_" + nextTemp++;
        } while (names.contains(name));
        output(name);
      }
      return outputNames.get(0);
    }

    public Node attr(String name, long value) {
      attributes.add(new ProtoWire.Writer().string(1, name).varint(3, value).varint(20, ATTR_INT).toByteArray());
      return this;
    }

    public Node attr(String name, float value) {
      attributes.add(new ProtoWire.Writer().string(1, name).fixed32(2, value).varint(20, ATTR_FLOAT).toByteArray());
      return this;
    }

    public Node attr(String name, String value) {
      attributes.add(new ProtoWire.Writer().string(1, name).string(4, value).varint(20, ATTR_STRING).toByteArray());
      return this;
    }

    public Node attr(String name, long[] values) {
      attributes.add(new ProtoWire.Writer().string(1, name).packedVarints(8, values).varint(20, ATTR_INTS).toByteArray());
      return this;
    }

    public Node attr(String name, float[] values) {
      attributes.add(new ProtoWire.Writer().string(1, name).packedFloats(7, values).varint(20, ATTR_FLOATS).toByteArray());
      return this;
    }

    private ProtoWire.Writer encode(int index) {
      out();
      ProtoWire.Writer w = new ProtoWire.Writer();
      for (String in : inputNames) {
        w.string(1, in);
      }
      for (String o : outputNames) {
        w.string(2, o);
      }
      w.string(3, opType.toLowerCase(java.util.Locale.ROOT) + "_node_" + index);
      w.string(4, opType);
      for (byte[] a : attributes) {
        w.bytes(5, a);
      }
      return w;
    }
  }
}
