package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gags.config.ResolvedConfig;
import org.gags.store.TableDef;

/**
 * The config hash of each stage: SHA-256 over the stage name, its tables' schema versions, the
 * config values that change its output, and the hashes of its upstream stages. Changing a prompt
 * setting redoes only the prompts; changing a depth setting redoes depth and everything after it.
 */
final class StageHashes {
  private StageHashes() {}

  static Map<String, String> compute(List<Stage> stages, ResolvedConfig config) {
    return compute(stages, config, Map.of());
  }

  /** With {@code extra} lines per stage (model spec ids) hashed in too. */
  static Map<String, String> compute(List<Stage> stages, ResolvedConfig config, Map<String, List<String>> extra) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Stage s : stages) {
      List<String> lines = new ArrayList<>();
      lines.add("stage=" + s.name());
      for (TableDef t : s.outputs()) {
        lines.add("table=" + t.name() + "@" + t.version());
      }
      config.forStage(s.name()).forEach((k, v) -> lines.add(k + "=" + v));
      for (String e : extra.getOrDefault(s.name(), List.of())) {
        lines.add("input=" + e);
      }
      for (String up : s.upstream()) {
        String h = hashes.get(up);
        if (h == null) {
          throw new IllegalStateException("stage " + s.name() + " is listed before its upstream " + up);
        }
        lines.add("upstream=" + up + ":" + h);
      }
      hashes.put(s.name(), ResolvedConfig.sha256(lines));
    }
    return hashes;
  }
}
