package org.gags.spark.pipeline;

import java.util.Map;
import org.gags.config.ConfigException;
import org.gags.config.ConfigKeys;
import org.gags.config.ResolvedConfig;
import org.gags.model.ModelDevice;
import org.gags.model.clip.ClipSpec;
import org.gags.model.sam.SamSpec;
import org.gags.spark.ModelFiles;

/**
 * The models the stages run, as {@link StageModel}s of a run's configuration. A spec id names each
 * model file with the first 12 hex digits of its sha256 plus the settings that change outputs, so
 * two runs that used different weights under the same file name never pass for each other.
 */
public final class ModelSpecs {
  private ModelSpecs() {}

  /** SAM: encoder and decoder (segment). */
  public static final StageModel<SamSpec> SAM = new StageModel<>() {
    @Override
    public String name() {
      return "sam";
    }

    @Override
    public SamSpec spec(ResolvedConfig c) {
      return new SamSpec(required(c, "model.sam.encoder", ConfigKeys.SEGMENT),
          required(c, "model.sam.decoder", ConfigKeys.SEGMENT), c.get("model.sam.low_res_tensor"),
          c.get("model.sam.iou_tensor"), ModelDevice.parse(c.get("model.device")), c.getInt("model.threads"));
    }

    /** {@code sam:encoder=NAME@SHA12;decoder=NAME@SHA12;low_res=T;iou=T}, or null when not configured. */
    @Override
    public String id(ResolvedConfig c, Map<String, String> fs) {
      if (c.get("model.sam.encoder").isEmpty() || c.get("model.sam.decoder").isEmpty()) {
        return null;
      }
      return "sam:encoder=" + ModelFiles.idPart(c.get("model.sam.encoder"), fs)
          + ";decoder=" + ModelFiles.idPart(c.get("model.sam.decoder"), fs)
          + ";low_res=" + c.get("model.sam.low_res_tensor") + ";iou=" + c.get("model.sam.iou_tensor");
    }

    @Override
    public SamSpec staged(SamSpec spec, Map<String, String> fs) {
      return spec.withFiles(ModelFiles.local(spec.encoder(), fs).toString(), ModelFiles.local(spec.decoder(), fs).toString());
    }
  };

  /** CLIP: image tower and, optionally, text tower (embed, and the text queries). */
  public static final StageModel<ClipSpec> CLIP = new StageModel<>() {
    @Override
    public String name() {
      return "clip";
    }

    @Override
    public ClipSpec spec(ResolvedConfig c) {
      return new ClipSpec(required(c, "model.clip.image", ConfigKeys.EMBED), c.get("model.clip.text"),
          c.getInt("model.clip.input_size"), floats(c.get("model.clip.mean")), floats(c.get("model.clip.std")),
          c.getInt("model.clip.embedding_size"), ModelDevice.parse(c.get("model.device")), c.getInt("model.threads"));
    }

    /** {@code clip:image=NAME@SHA12;text=NAME@SHA12;size=S;dim=D;mean=..;std=..}, or null when not configured. */
    @Override
    public String id(ResolvedConfig c, Map<String, String> fs) {
      if (c.get("model.clip.image").isEmpty()) {
        return null;
      }
      String text = c.get("model.clip.text").isEmpty() ? "none" : ModelFiles.idPart(c.get("model.clip.text"), fs);
      return "clip:image=" + ModelFiles.idPart(c.get("model.clip.image"), fs) + ";text=" + text
          + ";size=" + c.get("model.clip.input_size") + ";dim=" + c.get("model.clip.embedding_size")
          + ";mean=" + c.get("model.clip.mean").replace(" ", "") + ";std=" + c.get("model.clip.std").replace(" ", "");
    }

    @Override
    public ClipSpec staged(ClipSpec spec, Map<String, String> fs) {
      return spec.withFiles(ModelFiles.local(spec.image(), fs).toString(),
          spec.text().isEmpty() ? "" : ModelFiles.local(spec.text(), fs).toString());
    }
  };

  private static String required(ResolvedConfig c, String key, String stage) {
    String v = c.get(key);
    if (v.isEmpty()) {
      throw new ConfigException(key + ": the " + stage + " stage needs a model path or URI, found none (set it with"
          + " --set " + key + "=PATH or in --conf; `jobs/gags demo` shows a complete setup; or leave the stage out"
          + " with --stages " + String.join(",", Stages.withoutModels()) + ")");
    }
    return v;
  }

  static float[] floats(String csv) {
    String[] p = csv.split(",");
    float[] f = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      f[i] = Float.parseFloat(p[i].trim());
    }
    return f;
  }
}
