package org.gags.model.clip;

import java.io.Serializable;
import org.gags.model.ModelDevice;

/**
 * Which CLIP the embed stage and text queries use: the image and text towers (ONNX files with
 * OpenCLIP's export signatures, local paths or Hadoop URIs), the square input size, the
 * normalisation, the embedding width, the device and ONNX Runtime's thread count. The two towers
 * are one spec: embeddings record its id, and queries refuse embeddings of another spec.
 */
public record ClipSpec(String image, String text, int inputSize, float[] mean, float[] std, int embeddingSize,
    ModelDevice device, int threads) implements Serializable {
  public ClipSpec {
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("expected 3 mean and 3 std values, found " + mean.length + " and " + std.length);
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("expected positive std values, found " + s);
      }
    }
  }

  /** The same spec with model files at local paths (after staging). */
  public ClipSpec withFiles(String localImage, String localText) {
    return new ClipSpec(localImage, localText, inputSize, mean, std, embeddingSize, device, threads);
  }
}
