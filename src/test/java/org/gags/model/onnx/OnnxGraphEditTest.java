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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.model.ModelDevice;
import org.gags.model.OnnxModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Graph edits on the protobuf wire give models ONNX Runtime loads, with the outputs and shapes asked for. */
@Tag("model")
class OnnxGraphEditTest {
  @TempDir Path dir;

  /** x [1,3] -> mid = Relu(x) -> z = mid * 2; only z is a graph output. */
  static byte[] model() {
    OnnxModelBuilder m = new OnnxModelBuilder("edit");
    m.input("x", OnnxModelBuilder.FLOAT, 1, 3);
    m.node("Relu", "x").output("mid");
    m.node("Mul", "mid", m.floats("two", 2f)).output("z");
    m.output("z", OnnxModelBuilder.FLOAT, 1, 3);
    return m.build();
  }

  @Test
  void listsInputsOutputsAndNodeOutputs() {
    byte[] m = model();
    assertEquals(List.of("x"), OnnxGraphEdit.inputs(m));
    assertEquals(List.of("z"), OnnxGraphEdit.outputs(m));
    assertTrue(OnnxGraphEdit.nodeOutputs(m).containsAll(List.of("mid", "z")));
  }

  @Test
  void exposedIntermediateTensorsComeBackFromOnnxRuntime() throws Exception {
    byte[] exposed = OnnxGraphEdit.exposeOutputs(model(), List.of("mid"));
    assertEquals(List.of("z", "mid"), OnnxGraphEdit.outputs(exposed));
    byte[] only = OnnxGraphEdit.withOutputs(model(), List.of("mid"));
    assertEquals(List.of("mid"), OnnxGraphEdit.outputs(only));
    assertArrayEquals(model(), OnnxGraphEdit.exposeOutputs(model(), List.of("z")), "nothing to add, nothing changed");

    Map<String, float[]> out = run(exposed, "exposed.onnx", new float[] {-1, 2, 3}, 1);
    assertArrayEquals(new float[] {0, 4, 6}, out.get("z"));
    assertArrayEquals(new float[] {0, 2, 3}, out.get("mid"));
    Map<String, float[]> trimmed = run(only, "only.onnx", new float[] {-1, 2, 3}, 1);
    assertEquals(List.of("mid"), List.copyOf(trimmed.keySet()));
    assertArrayEquals(new float[] {0, 2, 3}, trimmed.get("mid"));
  }

  @Test
  void aSymbolicFirstDimensionAcceptsBatches() throws Exception {
    byte[] batched = OnnxGraphEdit.withSymbolicFirstDim(OnnxGraphEdit.withOutputs(model(), List.of("z")), List.of("x"), "n");
    Map<String, float[]> out = run(batched, "batched.onnx", new float[] {-1, 2, 3, 4, -5, 6}, 2);
    assertArrayEquals(new float[] {0, 4, 6, 8, 0, 12}, out.get("z"));
  }

  @Test
  void unknownTensorsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OnnxGraphEdit.withOutputs(model(), List.of("/no/such:0")));
    assertTrue(e.getMessage().contains("expected a tensor named '/no/such:0'") && e.getMessage().contains("[z]"),
        e.getMessage());
    IllegalArgumentException notOnnx = assertThrows(IllegalArgumentException.class,
        () -> OnnxGraphEdit.outputs(new byte[] {8, 1}));
    assertTrue(notOnnx.getMessage().contains("expected an ONNX ModelProto with a graph"), notOnnx.getMessage());
  }

  private Map<String, float[]> run(byte[] model, String name, float[] x, int batch) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, model);
    try (Predictor<NDList, NDList> p = OnnxModels.get(file, ModelDevice.CPU, 1).newPredictor();
        NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), OnnxModels.ENGINE)) {
      Map<String, float[]> out = new LinkedHashMap<>();
      for (NDArray a : p.predict(new NDList(m.create(x, new Shape(batch, 3))))) {
        out.put(a.getName(), a.toFloatArray());
      }
      return out;
    }
  }
}
