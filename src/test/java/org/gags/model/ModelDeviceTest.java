package org.gags.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gags.model.testclip.TestClipModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Devices parse from config, and a model that cannot load says which file and why. */
@Tag("model")
class ModelDeviceTest {
  @TempDir Path dir;

  @Test
  void parsesCpuAndCuda() {
    assertEquals(ModelDevice.CPU, ModelDevice.parse("cpu"));
    assertEquals(new ModelDevice("cuda", 0), ModelDevice.parse("cuda"));
    assertEquals(new ModelDevice("cuda", 3), ModelDevice.parse(" CUDA:3 "));
    assertEquals("cuda:3", ModelDevice.parse("cuda:3").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDevice.parse("tpu"));
    assertEquals("expected cpu, cuda or cuda:N, found 'tpu'", e.getMessage());
  }

  @Test
  void missingFilesAndNonModelsAreNamed() throws Exception {
    ModelException missing = assertThrows(ModelException.class,
        () -> OnnxModels.get(dir.resolve("none.onnx"), ModelDevice.CPU, 1));
    assertTrue(missing.getMessage().endsWith("none.onnx: expected an ONNX model file, found no such file"),
        missing.getMessage());
    Path junk = dir.resolve("junk.onnx");
    java.nio.file.Files.writeString(junk, "not a model");
    ModelException bad = assertThrows(ModelException.class, () -> OnnxModels.get(junk, ModelDevice.CPU, 1));
    assertTrue(bad.getMessage().contains("junk.onnx: expected an ONNX model ONNX Runtime can load on cpu"),
        bad.getMessage());
  }

  @Test
  void cudaWithTheCpuBuildFailsNamingTheModelAndDevice() {
    TestClipModel.Files clip = TestClipModel.write(dir.resolve("clip"));
    ModelException e = assertThrows(ModelException.class,
        () -> OnnxModels.get(clip.image(), ModelDevice.parse("cuda"), 1));
    assertTrue(e.getMessage().contains("image.onnx: expected an ONNX model ONNX Runtime can load on cuda:0"),
        e.getMessage());
  }
}
