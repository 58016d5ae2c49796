package org.gags.model.onnx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Small edits of a serialised ONNX model, done on the protobuf wire without a protobuf library:
 * listing graph inputs, outputs and node output names, and exposing intermediate tensors as graph
 * outputs (ONNX Runtime only returns graph outputs). SAM decoders exported with a single mask keep
 * the four mask logits and IoU predictions before the selection; exposing them gives the three
 * multimask outputs without re-exporting the model.
 */
public final class OnnxGraphEdit {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_OUTPUT = 2;
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_ELEM_TYPE = 1;
  private static final int ELEM_FLOAT = 1;

  private OnnxGraphEdit() {}

  /** Names of the graph's outputs, in order. */
  public static List<String> outputs(byte[] model) {
    return valueNames(graph(model), GRAPH_OUTPUT);
  }

  /** Names of the graph's inputs, in order. */
  public static List<String> inputs(byte[] model) {
    return valueNames(graph(model), GRAPH_INPUT);
  }

  /** Every tensor a node of the graph produces. */
  public static Set<String> nodeOutputs(byte[] model) {
    Set<String> names = new LinkedHashSet<>();
    for (ProtoWire.Field f : ProtoWire.scan(graph(model))) {
      if (f.number() == GRAPH_NODE) {
        for (ProtoWire.Field nf : ProtoWire.scan(f.payload())) {
          if (nf.number() == NODE_OUTPUT) {
            names.add(nf.string());
          }
        }
      }
    }
    return names;
  }

  /**
   * Returns the model with the named float tensors added as graph outputs (after the existing ones).
   * Names already among the outputs are left as they are.
   *
   * @throws IllegalArgumentException naming the tensor when no node produces it
   */
  public static byte[] exposeOutputs(byte[] model, List<String> tensors) {
    List<String> all = new ArrayList<>(outputs(model));
    for (String t : tensors) {
      if (!all.contains(t)) {
        all.add(t);
      }
    }
    return withOutputs(model, all);
  }

  /**
   * Returns the model whose graph outputs are exactly {@code tensors}, in that order: existing
   * outputs keep their declared types, intermediate tensors are declared as float tensors. ONNX
   * Runtime then skips every node that only fed dropped outputs.
   *
   * @throws IllegalArgumentException naming the tensor when it is neither a graph output nor
   *     produced by a node
   */
  public static byte[] withOutputs(byte[] model, List<String> tensors) {
    byte[] graph = graph(model);
    java.util.Map<String, byte[]> declared = new java.util.LinkedHashMap<>();
    ProtoWire.Writer kept = new ProtoWire.Writer();
    for (ProtoWire.Field f : ProtoWire.scan(graph)) {
      if (f.number() == GRAPH_OUTPUT) {
        for (ProtoWire.Field vf : ProtoWire.scan(f.payload())) {
          if (vf.number() == VALUE_INFO_NAME) {
            declared.put(vf.string(), f.payload());
          }
        }
      } else {
        kept.field(f);
      }
    }
    Set<String> produced = null;
    for (String name : tensors) {
      byte[] info = declared.get(name);
      if (info == null) {
        if (produced == null) {
          produced = nodeOutputs(model);
        }
        if (!produced.contains(name)) {
          throw new IllegalArgumentException("expected a tensor named '" + name
              + "' among the graph outputs or produced by a node, found none (graph outputs: "
              + declared.keySet() + ")");
        }
        ProtoWire.Writer tensorType = new ProtoWire.Writer().varint(TENSOR_ELEM_TYPE, ELEM_FLOAT);
        ProtoWire.Writer type = new ProtoWire.Writer().message(TYPE_TENSOR, tensorType);
        info = new ProtoWire.Writer().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, type).toByteArray();
      }
      kept.bytes(GRAPH_OUTPUT, info);
    }
    return replaceGraph(model, kept.toByteArray());
  }

  private static byte[] graph(byte[] model) {
    for (ProtoWire.Field f : ProtoWire.scan(model)) {
      if (f.number() == MODEL_GRAPH && f.wireType() == ProtoWire.LENGTH_DELIMITED) {
        return f.payload();
      }
    }
    throw new IllegalArgumentException("expected an ONNX ModelProto with a graph (field 7), found none");
  }

  private static List<String> valueNames(byte[] graph, int field) {
    List<String> names = new ArrayList<>();
    for (ProtoWire.Field f : ProtoWire.scan(graph)) {
      if (f.number() == field) {
        for (ProtoWire.Field vf : ProtoWire.scan(f.payload())) {
          if (vf.number() == VALUE_INFO_NAME) {
            names.add(vf.string());
          }
        }
      }
    }
    return names;
  }

  /**
   * Returns the model with the first dimension of the named graph inputs made symbolic
   * ({@code dim_param = symbol}), so that ONNX Runtime accepts batches there.
   */
  public static byte[] withSymbolicFirstDim(byte[] model, List<String> inputs, String symbol) {
    byte[] graph = graph(model);
    ProtoWire.Writer g = new ProtoWire.Writer();
    for (ProtoWire.Field f : ProtoWire.scan(graph)) {
      String name = null;
      if (f.number() == GRAPH_INPUT) {
        for (ProtoWire.Field vf : ProtoWire.scan(f.payload())) {
          if (vf.number() == VALUE_INFO_NAME) {
            name = vf.string();
          }
        }
      }
      if (name == null || !inputs.contains(name)) {
        g.field(f);
        continue;
      }
      g.bytes(GRAPH_INPUT, rewrite(f.payload(), new int[] {VALUE_INFO_TYPE, TYPE_TENSOR, 2}, shape -> {
        ProtoWire.Writer out = new ProtoWire.Writer();
        boolean first = true;
        for (ProtoWire.Field d : ProtoWire.scan(shape)) {
          if (d.number() == 1 && first) {
            out.message(1, new ProtoWire.Writer().string(2, symbol));
            first = false;
          } else {
            out.field(d);
          }
        }
        return out.toByteArray();
      }));
    }
    return replaceGraph(model, g.toByteArray());
  }

  /** Rewrites the sub-message at a path of field numbers (first occurrence at each level). */
  private static byte[] rewrite(byte[] message, int[] path, java.util.function.UnaryOperator<byte[]> change) {
    if (path.length == 0) {
      return change.apply(message);
    }
    ProtoWire.Writer out = new ProtoWire.Writer();
    boolean done = false;
    for (ProtoWire.Field f : ProtoWire.scan(message)) {
      if (!done && f.number() == path[0] && f.wireType() == ProtoWire.LENGTH_DELIMITED) {
        out.bytes(f.number(), rewrite(f.payload(), java.util.Arrays.copyOfRange(path, 1, path.length), change));
        done = true;
      } else {
        out.field(f);
      }
    }
    return out.toByteArray();
  }

  private static byte[] replaceGraph(byte[] model, byte[] newGraph) {
    ProtoWire.Writer out = new ProtoWire.Writer();
    for (ProtoWire.Field f : ProtoWire.scan(model)) {
      if (f.number() == MODEL_GRAPH) {
        out.bytes(MODEL_GRAPH, newGraph);
      } else {
        out.field(f);
      }
    }
    return out.toByteArray();
  }
}
