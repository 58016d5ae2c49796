package org.gags.spark.pipeline;

import org.gags.config.ResolvedConfig;
import org.gags.distill.DistillConfig;

/** The {@code distill.*} config values as the typed {@link DistillConfig} (the published one by default). */
public final class DistillSettings {
  private DistillSettings() {}

  public static DistillConfig of(ResolvedConfig c, int clipDim) {
    DistillConfig base = DistillConfig.gags();
    return new DistillConfig(base.featureDim(), c.getInt("distill.decoder_width"), clipDim, base.granularityWidths(),
        DistillConfig.Target.of(c.get("distill.target")), DistillConfig.Loss.of(c.get("distill.loss")),
        flag(c, "distill.region_aware"), flag(c, "distill.entropy"), flag(c, "distill.consistency"),
        c.getInt("distill.iterations"), c.getInt("distill.late_start"), c.getDouble("distill.entropy_weight_early"),
        c.getDouble("distill.entropy_weight_late"), c.getDouble("distill.consistency_weight"),
        adam(base.featureAdam(), c.getDouble("distill.feature_lr"), c.getDouble("distill.feature_eps")),
        adam(base.decoderAdam(), c.getDouble("distill.decoder_lr"), c.getDouble("distill.decoder_eps")),
        adam(base.granularityAdam(), c.getDouble("distill.decoder_lr"), c.getDouble("distill.decoder_eps")),
        c.getLong("distill.seed"), DistillConfig.SparseForward.of(c.get("distill.sparse_forward")),
        c.getInt("distill.chunk_pixels"));
  }

  private static boolean flag(ResolvedConfig c, String key) {
    return Boolean.parseBoolean(c.get(key));
  }

  private static DistillConfig.AdamGroup adam(DistillConfig.AdamGroup base, double lr, double eps) {
    return new DistillConfig.AdamGroup(lr, base.beta1(), base.beta2(), eps);
  }
}
