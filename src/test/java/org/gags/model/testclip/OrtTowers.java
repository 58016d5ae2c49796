package org.gags.model.testclip;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Arrays;
import org.gags.embed.ClipCrop;

/** The written image.onnx and text.onnx loaded in DJL's ONNX Runtime engine (offline, engine named). */
final class OrtTowers implements AutoCloseable {
  static {
    System.setProperty("ai.djl.offline", "true");
  }

  private final ZooModel<NDList, NDList> imageModel;
  private final ZooModel<NDList, NDList> textModel;
  private final Predictor<NDList, NDList> image;
  private final Predictor<NDList, NDList> text;
  private final NDManager nd;

  OrtTowers(Path dir) throws Exception {
    imageModel = load(dir, "image");
    textModel = load(dir, "text");
    image = imageModel.newPredictor();
    text = textModel.newPredictor();
    nd = NDManager.newBaseManager("OnnxRuntime");
  }

  private static ZooModel<NDList, NDList> load(Path dir, String name) throws Exception {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(dir)
        .optModelName(name)
        .optEngine("OnnxRuntime")
        .build()
        .loadModel();
  }

  /** Embeddings of {@code batch} crops (3×224×224 floats each, one after another). */
  float[][] image(float[] chw, int batch) throws Exception {
    try (NDManager m = nd.newSubManager()) {
      NDArray x = m.create(Arrays.copyOf(chw, batch * ClipCrop.FLOATS), new Shape(batch, 3, ClipCrop.SIZE, ClipCrop.SIZE));
      return rows(image.predict(new NDList(x)).get(0), batch);
    }
  }

  /** Embeddings of {@code batch} rows of 77 token ids. */
  float[][] text(long[] ids, int batch) throws Exception {
    try (NDManager m = nd.newSubManager()) {
      NDArray x = m.create(Arrays.copyOf(ids, batch * TestClipModel.CONTEXT), new Shape(batch, TestClipModel.CONTEXT));
      return rows(text.predict(new NDList(x)).get(0), batch);
    }
  }

  private static float[][] rows(NDArray out, int batch) {
    if (!out.getShape().equals(new Shape(batch, TestClipModel.EMBEDDING_SIZE))) {
      throw new IllegalStateException("expected an output of shape (" + batch + ", 512), found " + out.getShape());
    }
    float[] flat = out.toFloatArray();
    float[][] r = new float[batch][];
    for (int b = 0; b < batch; b++) {
      r[b] = Arrays.copyOfRange(flat, b * TestClipModel.EMBEDDING_SIZE, (b + 1) * TestClipModel.EMBEDDING_SIZE);
    }
    return r;
  }

  @Override
  public void close() {
    image.close();
    text.close();
    imageModel.close();
    textModel.close();
    nd.close();
  }
}
