package org.gags.spark.pipeline;

import java.io.Serializable;
import java.util.Map;
import org.gags.config.ResolvedConfig;

/**
 * A model a stage runs, as its configuration names it: the spec (which fails with the missing
 * setting named when the stage cannot run), the spec id that joins the stage's hash and is
 * recorded on its output, and the spec with its files staged on an executor.
 *
 * @param <S> the spec record
 */
public interface StageModel<S extends Serializable> extends Serializable {
  /** Short name, as in the spec id ({@code sam}, {@code clip}). */
  String name();

  /** The spec of a run's configuration; a {@link org.gags.config.ConfigException} naming what is missing. */
  S spec(ResolvedConfig config);

  /** The spec id (file names with sha256 prefixes and the settings that change outputs), or null when unset. */
  String id(ResolvedConfig config, Map<String, String> fsSettings);

  /** On an executor: the spec with its model files copied to local paths once per JVM. */
  S staged(S spec, Map<String, String> fsSettings);
}
