package org.gags.model.clip;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.List;
import org.gags.embed.ClipTokenizer;
import org.gags.model.ModelException;
import org.gags.model.OnnxModels;

/**
 * One task's use of CLIP: predictors of the JVM's shared image (and, on first use, text) tower,
 * closed with the session. Outputs are L2-normalised here (OpenCLIP's towers return raw features).
 */
public final class ClipSession implements AutoCloseable {
  private final ClipSpec spec;
  private final NDManager manager;
  private Predictor<NDList, NDList> image;
  private Predictor<NDList, NDList> text;

  /** {@code spec} must name local files (see {@link ClipSpec#withFiles}). */
  public ClipSession(ClipSpec spec) {
    this.spec = spec;
    this.manager = NDManager.newBaseManager(spec.device().djl(), OnnxModels.ENGINE);
  }

  public ClipSpec spec() {
    return spec;
  }

  /**
   * Unit-length embeddings of {@code n} preprocessed crops stored back to back in {@code chw}
   * ([n, 3, S, S], normalised).
   */
  public float[][] embedImages(float[] chw, int n) {
    if (image == null) {
      image = OnnxModels.get(Path.of(spec.image()), spec.device(), spec.threads()).newPredictor();
    }
    int s = spec.inputSize();
    float[] batch = chw.length == n * 3 * s * s ? chw : java.util.Arrays.copyOf(chw, n * 3 * s * s);
    try (NDManager m = manager.newSubManager()) {
      NDArray in = m.create(batch, new Shape(n, 3, s, s));
      return rows(image.predict(new NDList(in)).get(0), n, spec.image());
    } catch (TranslateException e) {
      throw new ModelException(spec.image() + ": image tower failed: " + e.getMessage(), e);
    }
  }

  /** Unit-length embeddings of texts, tokenised with CLIP's BPE (77 ids, int64). */
  public float[][] embedTexts(List<String> texts) {
    if (text == null) {
      if (spec.text() == null || spec.text().isEmpty()) {
        throw new ModelException("model.clip.text: expected the CLIP text tower's path, found none");
      }
      text = OnnxModels.get(Path.of(spec.text()), spec.device(), spec.threads()).newPredictor();
    }
    ClipTokenizer tokenizer = ClipTokenizer.bundled();
    long[] ids = new long[texts.size() * ClipTokenizer.CONTEXT];
    for (int i = 0; i < texts.size(); i++) {
      System.arraycopy(tokenizer.tokenize(texts.get(i)), 0, ids, i * ClipTokenizer.CONTEXT, ClipTokenizer.CONTEXT);
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray in = m.create(ids, new Shape(texts.size(), ClipTokenizer.CONTEXT));
      return rows(text.predict(new NDList(in)).get(0), texts.size(), spec.text());
    } catch (TranslateException e) {
      throw new ModelException(spec.text() + ": text tower failed: " + e.getMessage(), e);
    }
  }

  private float[][] rows(NDArray out, int n, String file) {
    float[] flat = out.toFloatArray();
    int d = spec.embeddingSize();
    if (flat.length != n * d) {
      throw new ModelException(file + ": expected embeddings [" + n + "," + d + "], found " + out.getShape()
          + " (config model.clip.embedding_size)");
    }
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] v = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
      normalise(v);
      rows[i] = v;
    }
    return rows;
  }

  /** L2-normalises in place (a zero vector stays zero). */
  public static void normalise(float[] v) {
    double ss = 0;
    for (float x : v) {
      ss += (double) x * x;
    }
    if (ss > 0) {
      float inv = (float) (1 / Math.sqrt(ss));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
  }

  @Override
  public void close() {
    if (image != null) {
      image.close();
    }
    if (text != null) {
      text.close();
    }
    manager.close();
  }
}
