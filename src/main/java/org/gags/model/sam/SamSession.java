package org.gags.model.sam;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.List;
import org.gags.model.ModelException;
import org.gags.model.OnnxModels;

/**
 * One task's use of SAM: its own encoder and decoder predictors on the JVM's shared models,
 * closed with the session. {@link #encode} runs once per image, {@link #decode} once per prompt.
 */
public final class SamSession implements AutoCloseable {
  public static final int EMBED_CHANNELS = 256;
  public static final int EMBED_SIZE = 64;

  private final SamSpec spec;
  private final Predictor<NDList, NDList> encoder;
  private final Predictor<NDList, NDList> decoder;
  private final NDManager manager;
  private final float[] zeroMask = new float[MaskUpsampler.LOW_RES * MaskUpsampler.LOW_RES];

  /** The four mask-token logits [4,256,256] and their predicted IoUs for one prompt. */
  public record Decoded(float[] lowRes, float[] iou) {}

  /** {@code spec} must name local files (see {@link SamSpec#withFiles}). */
  public SamSession(SamSpec spec) {
    this(spec, List.of());
  }

  /** With {@code extraOutputs} also kept as decoder outputs (for the verification tests). */
  SamSession(SamSpec spec, List<String> extraOutputs) {
    this.spec = spec;
    List<String> outputs = new java.util.ArrayList<>(List.of(spec.lowResTensor(), spec.iouTensor()));
    outputs.addAll(extraOutputs);
    Path decoderFile = DecoderOutputs.prepare(Path.of(spec.decoder()), outputs);
    this.encoder = OnnxModels.get(Path.of(spec.encoder()), spec.device(), spec.threads()).newPredictor();
    this.decoder = OnnxModels.get(decoderFile, spec.device(), spec.threads()).newPredictor();
    this.manager = NDManager.newBaseManager(spec.device().djl(), OnnxModels.ENGINE);
  }

  /** The image embedding [256, 64, 64] of one preprocessed image. */
  public float[] encode(SamImage image) {
    try (NDManager m = manager.newSubManager()) {
      NDArray input = m.create(image.chw(), new Shape(1, 3, image.size(), image.size()));
      NDList out = encoder.predict(new NDList(input));
      float[] embedding = out.get(0).toFloatArray();
      int want = EMBED_CHANNELS * EMBED_SIZE * EMBED_SIZE;
      if (embedding.length != want) {
        throw new ModelException(spec.encoder() + ": expected an image embedding of " + want
            + " values [1,256,64,64], found " + embedding.length + " " + out.get(0).getShape());
      }
      return embedding;
    } catch (TranslateException e) {
      throw new ModelException(spec.encoder() + ": encoder failed: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one positive click at (x, y) in the 1024 frame, with SAM's padding point (0, 0) of
   * label -1, no mask input.
   */
  public Decoded decode(float[] embedding, float x, float y, int width, int height) {
    java.util.Map<String, float[]> out = decodeAll(embedding, x, y, width, height);
    float[] lowRes = out.get(spec.lowResTensor());
    float[] iou = out.get(spec.iouTensor());
    if (lowRes == null || iou == null || lowRes.length != 4 * zeroMask.length || iou.length != 4) {
      throw new ModelException(spec.decoder() + ": expected outputs " + spec.lowResTensor()
          + " [1,4,256,256] and " + spec.iouTensor() + " [1,4], found " + shapes(out));
    }
    return new Decoded(lowRes, iou);
  }

  /**
   * Decodes {@code n} single clicks at once (positions {@code xy[2i], xy[2i+1]} in the 1024 frame),
   * each with its padding point; the decoder runs them as one batch.
   *
   * @return per prompt its four mask-token logits and IoUs
   */
  public Decoded[] decodeBatch(float[] embedding, float[] xy, int n, int width, int height) {
    float[] coords = new float[4 * n];
    float[] labels = new float[2 * n];
    for (int i = 0; i < n; i++) {
      coords[4 * i] = xy[2 * i];
      coords[4 * i + 1] = xy[2 * i + 1];
      labels[2 * i] = 1f;
      labels[2 * i + 1] = -1f;
    }
    java.util.Map<String, float[]> out = run(embedding, coords, labels, n, width, height);
    float[] lowRes = out.get(spec.lowResTensor());
    float[] iou = out.get(spec.iouTensor());
    int plane = zeroMask.length;
    if (lowRes == null || iou == null || lowRes.length != 4 * plane * n || iou.length != 4 * n) {
      throw new ModelException(spec.decoder() + ": expected outputs " + spec.lowResTensor() + " [" + n
          + ",4,256,256] and " + spec.iouTensor() + " [" + n + ",4], found " + shapes(out));
    }
    Decoded[] d = new Decoded[n];
    for (int i = 0; i < n; i++) {
      d[i] = new Decoded(java.util.Arrays.copyOfRange(lowRes, i * 4 * plane, (i + 1) * 4 * plane),
          java.util.Arrays.copyOfRange(iou, 4 * i, 4 * i + 4));
    }
    return d;
  }

  /** Every decoder output by name. */
  java.util.Map<String, float[]> decodeAll(float[] embedding, float x, float y, int width, int height) {
    return run(embedding, new float[] {x, y, 0f, 0f}, new float[] {1f, -1f}, 1, width, height);
  }

  private java.util.Map<String, float[]> run(float[] embedding, float[] coords, float[] labels, int n, int width,
      int height) {
    try (NDManager m = manager.newSubManager()) {
      NDList in = new NDList(
          named(m.create(embedding, new Shape(1, EMBED_CHANNELS, EMBED_SIZE, EMBED_SIZE)), "image_embeddings"),
          named(m.create(coords, new Shape(n, 2, 2)), "point_coords"),
          named(m.create(labels, new Shape(n, 2)), "point_labels"),
          named(m.create(zeroMask, new Shape(1, 1, 256, 256)), "mask_input"),
          named(m.create(new float[] {0f}, new Shape(1)), "has_mask_input"),
          named(m.create(new float[] {height, width}, new Shape(2)), "orig_im_size"));
      NDList out = decoder.predict(in);
      java.util.Map<String, float[]> byName = new java.util.LinkedHashMap<>();
      for (NDArray a : out) {
        byName.put(a.getName(), a.toFloatArray());
      }
      return byName;
    } catch (TranslateException e) {
      throw new ModelException(spec.decoder() + ": decoder failed: " + e.getMessage(), e);
    }
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }

  private static String shapes(java.util.Map<String, float[]> out) {
    StringBuilder sb = new StringBuilder();
    out.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" (").append(v.length).append(" values)"));
    return sb.toString();
  }

  @Override
  public void close() {
    encoder.close();
    decoder.close();
    manager.close();
  }
}
