package org.gags.model.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.gags.io.AtomicFiles;
import org.gags.io.Hashes;
import org.gags.model.ModelException;
import org.gags.model.onnx.OnnxGraphEdit;

/**
 * Makes a decoder whose graph outputs are exactly the tensors the segment stage reads, and whose
 * point inputs take a batch of prompts (their first dimension made symbolic: SAM's decoder repeats
 * the image embedding per prompt), once per JVM: the edited copy lives in {@code java.io.tmpdir/gags-models/<hash>/decoder.onnx}, keyed by
 * the source's sha256 and the tensor names. Exposing the tensors before a single-mask selection
 * gives the multimask outputs; dropping the other outputs lets ONNX Runtime skip the in-graph
 * upsampling, which gags does itself ({@link MaskUpsampler}).
 */
public final class DecoderOutputs {
  private static final ConcurrentHashMap<String, Path> PREPARED = new ConcurrentHashMap<>();

  private DecoderOutputs() {}

  public static Path prepare(Path decoder, List<String> outputs) {
    String key = decoder.toAbsolutePath().normalize() + "|" + outputs;
    return PREPARED.computeIfAbsent(key, k -> write(decoder, outputs));
  }

  private static Path write(Path decoder, List<String> outputs) {
    byte[] model;
    try {
      model = Files.readAllBytes(decoder);
    } catch (IOException e) {
      throw new ModelException(decoder + ": expected a SAM decoder ONNX file, found "
          + (Files.exists(decoder) ? e.toString() : "no such file"), e);
    }
    byte[] edited;
    try {
      edited = OnnxGraphEdit.withSymbolicFirstDim(OnnxGraphEdit.withOutputs(model, new ArrayList<>(outputs)),
          List.of("point_coords", "point_labels"), "prompts");
    } catch (IllegalArgumentException e) {
      throw new ModelException(decoder + ": " + e.getMessage(), e);
    }
    String hash = Hashes.sha256(edited).substring(0, 16);
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "gags-models", hash, "decoder.onnx");
    if (!Files.isRegularFile(target)) {
      try {
        AtomicFiles.write(target, ch -> Channels.newOutputStream(ch).write(edited));
      } catch (UncheckedIOException e) {
        throw new ModelException("cannot write the edited decoder " + target + ": " + e.getMessage(), e);
      }
    }
    return target;
  }
}
