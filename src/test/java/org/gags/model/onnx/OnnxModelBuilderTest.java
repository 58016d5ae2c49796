package org.gags.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Models built on the protobuf wire load and run in DJL's ONNX Runtime engine and compute what they say. */
@Tag("model")
class OnnxModelBuilderTest {
  static {
    System.setProperty("ai.djl.offline", "true");
  }

  @TempDir Path dir;

  /** y = x · W + b with a symbolic batch, and z = Gather(table, ids) summed over axis 1. */
  static OnnxModelBuilder tiny() {
    OnnxModelBuilder m = new OnnxModelBuilder("tiny").producer("gags-test", "1").docString("a tiny graph")
        .metadata("purpose", "test");
    m.input("x", OnnxModelBuilder.FLOAT, "batch", 2);
    m.input("ids", OnnxModelBuilder.INT64, "batch", 3);
    String w = m.floatInitializer("w", new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    String b = m.floats("b", 10, 20, 30);
    m.node("Add", m.node("MatMul", "x", w).out(), b).output("y");
    String table = m.floatInitializer("table", new float[] {0, 0, 1, 10, 100, 1000}, 3, 2);
    String rows = m.node("Gather", table, "ids").attr("axis", 0L).out();
    m.node("ReduceSum", rows, m.int64s("axis1", 1)).attr("keepdims", 0L).output("z");
    // Attributes of every kind: Gemm(alpha float, transB int) and Transpose(perm ints).
    m.node("Transpose", "x").attr("perm", new long[] {1, 0}).output("t");
    m.node("Gemm", "x", "x").attr("alpha", 0.5f).attr("transB", 1L).output("g");
    m.output("y", OnnxModelBuilder.FLOAT, "batch", 3);
    m.output("z", OnnxModelBuilder.FLOAT, "batch", 2);
    m.output("g", OnnxModelBuilder.FLOAT, "batch", "batch");
    m.output("t", OnnxModelBuilder.FLOAT, 2, "batch");
    return m;
  }

  @Test
  void aHandBuiltGraphRunsInOnnxRuntimeThroughDjl() throws Exception {
    tiny().write(dir.resolve("tiny.onnx"));
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(dir)
        .optModelName("tiny")
        .optEngine("OnnxRuntime")
        .build();
    try (ZooModel<NDList, NDList> model = criteria.loadModel();
        Predictor<NDList, NDList> p = model.newPredictor();
        NDManager nd = NDManager.newBaseManager("OnnxRuntime")) {
      NDArray x = nd.create(new float[] {1, 1, 0, 2}, new Shape(2, 2));
      x.setName("x");
      NDArray ids = nd.create(new long[] {2, 1, 1, 0, 0, 2}, new Shape(2, 3));
      ids.setName("ids");
      NDList out = p.predict(new NDList(x, ids));
      assertEquals(4, out.size());
      assertEquals(new Shape(2, 3), out.get(0).getShape());
      assertArrayEquals(new float[] {15, 27, 39, 18, 30, 42}, out.get(0).toFloatArray());
      // Rows: [0,0], [1,10], [100,1000]; ids (2,1,1) -> [102, 1020], (0,0,2) -> [100, 1000].
      assertArrayEquals(new float[] {102, 1020, 100, 1000}, out.get(1).toFloatArray());
      // 0.5 · x · xᵀ: x = [[1,1],[0,2]] -> [[2,2],[2,4]] / 2.
      assertArrayEquals(new float[] {1, 1, 1, 2}, out.get(2).toFloatArray());
      assertArrayEquals(new float[] {1, 0, 1, 2}, out.get(3).toFloatArray());
    }
  }

  @Test
  void theBytesAreAModelProtoThatOurReadersUnderstand() {
    byte[] a = tiny().build();
    assertArrayEquals(a, tiny().build(), "same calls, same bytes");
    assertEquals(List.of("x", "ids"), OnnxGraphEdit.inputs(a));
    assertEquals(List.of("y", "z", "g", "t"), OnnxGraphEdit.outputs(a));
    assertTrue(OnnxGraphEdit.nodeOutputs(a).containsAll(List.of("y", "z", "g")));
    List<ProtoWire.Field> top = ProtoWire.scan(a);
    assertEquals(1, top.get(0).number());
    assertEquals(OnnxModelBuilder.IR_VERSION, top.get(0).varint());
    ProtoWire.Field opset = top.stream().filter(f -> f.number() == 8).findFirst().orElseThrow();
    List<ProtoWire.Field> os = ProtoWire.scan(opset.payload());
    assertEquals(OnnxModelBuilder.OPSET, os.get(1).varint());
    ProtoWire.Field meta = top.stream().filter(f -> f.number() == 14).findFirst().orElseThrow();
    assertEquals("purpose", ProtoWire.scan(meta.payload()).get(0).string());
  }

  @Test
  void badCallsNameWhatIsWrong() {
    OnnxModelBuilder m = new OnnxModelBuilder("bad");
    m.input("x", OnnxModelBuilder.FLOAT, 2);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> m.floats("x", 1f));
    assertTrue(twice.getMessage().contains("x"), twice.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> m.floatInitializer("w", new float[5], 2, 3));
    assertTrue(count.getMessage().contains("holds 6 values, found 5"), count.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.input("y", OnnxModelBuilder.FLOAT, 2.5));
  }
}
