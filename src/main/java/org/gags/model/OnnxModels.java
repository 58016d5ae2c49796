package org.gags.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX models loaded in this JVM: each file is loaded once per (device, threads) and shared by
 * every task on the executor; tasks take their own {@link Predictor} and close it when they end.
 * Models stay loaded until the JVM exits. Loading goes through DJL's ONNX Runtime engine, named
 * explicitly, offline: nothing is downloaded.
 *
 * <p>The DJL Spark extension is not used: it is not on Maven Central for this DJL line, and its
 * design loads the model again in every partition and leaves predictors unclosed.
 */
public final class OnnxModels {
  public static final String ENGINE = "OnnxRuntime";
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);
  private static final ConcurrentHashMap<String, ZooModel<NDList, NDList>> LOADED = new ConcurrentHashMap<>();

  static {
    System.setProperty("ai.djl.offline", "true");
    // With DJL's PyTorch engine on the classpath (distillation), ONNX Runtime would load libtorch as its
    // "alternative engine" for array work it does not do itself; SAM and CLIP need none of it, and an
    // executor without libtorch (the shaded jar leaves the natives out) would fail to start them.
    System.setProperty("ai.djl.onnx.disable_alternative", "true");
  }

  private OnnxModels() {}

  /**
   * The loaded model for an {@code .onnx} file.
   *
   * @param threads ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose (one per core)
   */
  public static ZooModel<NDList, NDList> get(Path file, ModelDevice device, int threads) {
    String key = file.toAbsolutePath().normalize() + "|" + device + "|" + threads;
    return LOADED.computeIfAbsent(key, k -> load(file, device, threads));
  }

  /** How many models this JVM has loaded (for tests and logs). */
  public static int loadedCount() {
    return LOADED.size();
  }

  private static ZooModel<NDList, NDList> load(Path file, ModelDevice device, int threads) {
    if (!Files.isRegularFile(file)) {
      throw new ModelException(file + ": expected an ONNX model file, found "
          + (Files.exists(file) ? "a folder" : "no such file"));
    }
    Engine.getEngine(ENGINE);
    String name = file.getFileName().toString();
    Criteria.Builder<NDList, NDList> b = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optEngine(ENGINE)
        .optDevice(device.djl())
        .optModelPath(file)
        .optModelName(name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name)
        // DJL reads intraOpNumThreads only when interOpNumThreads is given too.
        .optOption("interOpNumThreads", "1")
        .optOption("intraOpNumThreads", Integer.toString(threads))
        .optOption("optLevel", "ALL_OPT");
    long t0 = System.nanoTime();
    try {
      ZooModel<NDList, NDList> model = b.build().loadModel();
      LOG.info("loaded {} on {} in {} ms", file, device, (System.nanoTime() - t0) / 1_000_000);
      return model;
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new ModelException(file + ": expected an ONNX model ONNX Runtime can load on " + device
          + ", found an error: " + rootMessage(e), e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.toString() : m.lines().findFirst().orElse(m);
  }
}
