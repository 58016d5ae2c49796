package org.gags.spark.pipeline;

import java.io.Serializable;
import org.apache.spark.util.LongAccumulator;
import org.gags.model.sam.ViewSegmenter;
import org.slf4j.Logger;

/**
 * Where a model stage's executor time goes, summed over tasks with Spark accumulators (visible in
 * the Spark UI) and logged when the stage ends: image reading, preprocessing, encoder, decoder,
 * mask filtering, CLIP.
 */
final class Timings implements Serializable {
  final LongAccumulator read;
  final LongAccumulator preprocess;
  final LongAccumulator encoder;
  final LongAccumulator decoder;
  final LongAccumulator filter;
  final LongAccumulator clip;
  /** Per level (s, m, l) and filter step, masks left, summed over views. */
  final LongAccumulator[][] funnel;

  private Timings(LongAccumulator read, LongAccumulator preprocess, LongAccumulator encoder, LongAccumulator decoder,
      LongAccumulator filter, LongAccumulator clip) {
    this.read = read;
    this.preprocess = preprocess;
    this.encoder = encoder;
    this.decoder = decoder;
    this.filter = filter;
    this.clip = clip;
    this.funnel = new LongAccumulator[3][5];
  }

  static Timings register(RunContext ctx, SceneRef scene, String stage) {
    String p = scene.id() + " " + stage + " ns ";
    var sc = ctx.spark().sparkContext();
    Timings t = new Timings(sc.longAccumulator(p + "read"), sc.longAccumulator(p + "preprocess"),
        sc.longAccumulator(p + "encoder"), sc.longAccumulator(p + "decoder"), sc.longAccumulator(p + "filter"),
        sc.longAccumulator(p + "clip"));
    for (int l = 0; l < 3; l++) {
      for (int s = 0; s < 5; s++) {
        t.funnel[l][s] = sc.longAccumulator(scene.id() + " " + stage + " level " + "sml".charAt(l) + " step " + s);
      }
    }
    return t;
  }

  void add(int[][] f) {
    for (int l = 0; l < 3; l++) {
      for (int s = 0; s < 5; s++) {
        funnel[l][s].add(f[l][s]);
      }
    }
  }

  void add(ViewSegmenter.Timings t) {
    preprocess.add(t.preprocessNanos());
    encoder.add(t.encoderNanos());
    decoder.add(t.decoderNanos());
    filter.add(t.filterNanos());
  }

  /** Seconds per part, summed over tasks (so with 2 tasks at once they add up to about 2x wall time). */
  java.util.Map<String, Double> seconds() {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("read", read.value() / 1e9);
    m.put("preprocess", preprocess.value() / 1e9);
    m.put("encoder", encoder.value() / 1e9);
    m.put("decoder", decoder.value() / 1e9);
    m.put("filter", filter.value() / 1e9);
    m.put("clip", clip.value() / 1e9);
    return m;
  }

  void log(Logger log, SceneRef scene, String stage) {
    java.util.Map<String, Double> all = new java.util.LinkedHashMap<>(seconds());
    String[] steps = {"prompts", "accepted", "box_nms", "cleanup", "kept"};
    for (int l = 0; l < 3; l++) {
      for (int s = 0; s < 5; s++) {
        all.put("masks." + "sml".charAt(l) + "." + steps[s], (double) funnel[l][s].value());
      }
    }
    StageMetrics.put(scene.id(), stage, all);
    StringBuilder sb = new StringBuilder();
    seconds().forEach((k, v) -> {
      if (v > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%.1f s", v));
      }
    });
    log.info("{} {}: task time {}", scene.id(), stage, sb);
    if (funnel[0][0].value() > 0) {
      StringBuilder f = new StringBuilder();
      for (int l = 0; l < 3; l++) {
        f.append(l == 0 ? "" : "; ").append("sml".charAt(l)).append(':');
        for (int s = 0; s < 5; s++) {
          f.append(s == 0 ? " " : " -> ").append(funnel[l][s].value());
        }
      }
      log.info("{} {}: masks per level (prompts -> IoU+stability -> box NMS -> small regions -> mask NMS): {}",
          scene.id(), stage, f);
    }
  }
}
