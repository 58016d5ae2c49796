package org.gags.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.distill.ClipTables;
import org.gags.distill.DistillConfig;
import org.gags.distill.DistillView;
import org.gags.distill.HeldOutQuality;
import org.gags.distill.Trainer;
import org.gags.render.Contributors;
import org.gags.spark.SparkSessions;
import org.gags.spark.pipeline.DistillSettings;
import org.gags.store.TableStore;
import org.gags.store.Tables;
import org.gags.store.rows.ContributorsRow;
import org.gags.store.rows.EmbeddingRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gags bench distill-quality}: trains one scene's field from a run's {@code contributors}
 * and {@code embeddings} once per distillation target (and contributor truncation), holding every
 * k-th view back, and scores the held-back views ({@link HeldOutQuality}): the measurement behind
 * the GaD-versus-average comparison and the truncation default.
 */
@Command(
    name = "distill-quality",
    mixinStandardHelpOptions = true,
    description = {
      "Held-out quality of distillation targets and contributor truncations on one scene of a run.",
      "Trains in this JVM from the run's contributors and embeddings tables; prints a Markdown table."
    })
final class DistillQualityCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--run-out", required = true, description = "Output root of a run that made contributors and embeddings.")
  Path runOut;

  @Option(names = "--scene", defaultValue = "sample", description = "Scene id (default: ${DEFAULT-VALUE}).")
  String scene;

  @Option(names = "--targets", defaultValue = "gad,average,level-s,level-m,level-l", split = ",",
      description = "distill.target values to train (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(names = "--top-k", defaultValue = "0", split = ",",
      description = "Contributor truncations to train with, top-K per pixel, 0 = none (default: ${DEFAULT-VALUE}).")
  List<Integer> topKs;

  @Option(names = "--holdout-every", defaultValue = "4",
      description = "Hold back views i with i % k == k - 1 (default: ${DEFAULT-VALUE}).")
  int holdoutEvery;

  @Option(names = "--preset", defaultValue = "sample-cpu", description = "Config preset (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--set", description = "Config override KEY=VALUE (repeatable), after the preset.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "Also write the results as JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    ResolvedConfig config;
    List<DistillConfig.Target> chosen = new ArrayList<>();
    try {
      config = ResolvedConfig.resolve(Preset.byId(preset), null, sets);
      for (String t : targets) {
        chosen.add(DistillConfig.Target.of(t));
      }
    } catch (IllegalArgumentException | org.gags.config.ConfigException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (holdoutEvery < 2) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--holdout-every: expected at least 2, found " + holdoutEvery);
    }
    for (int k : topKs) {
      if (k < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top-k: expected values >= 0, found " + k);
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("gags bench distill-quality", "local[2]", Map.of("spark.ui.enabled", "false"));
    TableStore store = new TableStore(runOut.toAbsolutePath().toString(), spark.sparkContext().hadoopConfiguration());
    List<ContributorsRow> lists = new ArrayList<>();
    for (Row r : store.read(spark, Tables.CONTRIBUTORS, scene).orderBy("view_index").collectAsList()) {
      lists.add(ContributorsRow.from(r));
    }
    List<EmbeddingRow> embeddings = store.read(spark, Tables.EMBEDDINGS, scene).collectAsList().stream()
        .map(EmbeddingRow::from).toList();
    long gaussians = store.read(spark, Tables.SCENES, scene).first().getLong(2);
    if (lists.isEmpty() || embeddings.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--run-out: expected committed contributors and embeddings of scene " + scene + " under " + runOut + ", found none");
    }
    int clipDim = embeddings.get(0).embedding().length;
    ClipTables clip = new ClipTables(scene, clipDim);
    embeddings.forEach(e -> clip.add(e.viewIndex(), e.level(), e.segmentId(), e.embedding()));
    DistillConfig base = DistillSettings.of(config, clipDim);
    System.out.printf(Locale.ROOT, "bench distill-quality: scene %s, %d views (%d held back), %dx%d, %,d Gaussians, %s%n%n",
        scene, lists.size(), lists.size() / holdoutEvery, lists.get(0).width(), lists.get(0).height(), gaussians, base);
    System.out.println("| target | top-K | train loss (first → last) | held-out cos s | cos m | cos l | cos best level | seconds |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    List<Map<String, Object>> results = new ArrayList<>();
    for (int topK : topKs) {
      List<DistillView> train = new ArrayList<>();
      // held-back views are scored through the untruncated lists: the field is what is compared
      List<DistillView> heldFull = new ArrayList<>();
      for (ContributorsRow r : lists) {
        DistillView full = new DistillView("view " + r.viewIndex(), r.contributors(), r.segments(),
            clip.forView(r.viewIndex()), clipDim);
        if (r.viewIndex() % holdoutEvery == holdoutEvery - 1) {
          heldFull.add(full);
        } else {
          train.add(new DistillView(full.name(), full.contributors().truncated(0f, topK), full.segments(), full.clip(),
              clipDim));
        }
      }
      for (DistillConfig.Target target : chosen) {
        long t0 = System.nanoTime();
        DistillConfig cfg = base.withTarget(target);
        double[] first = {Double.NaN};
        double[] last = {Double.NaN};
        List<HeldOutQuality> q = new ArrayList<>();
        try (Trainer t = Trainer.create(cfg, train, Math.toIntExact(gaussians))) {
          t.train(r -> {
            if (Double.isNaN(first[0])) {
              first[0] = r.terms().total();
            }
            last[0] = r.terms().total();
          });
          for (DistillView v : heldFull) {
            q.add(HeldOutQuality.of(t.decode(v), v));
          }
        }
        HeldOutQuality m = HeldOutQuality.mean(q);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %s | %.4f → %.4f | %.4f | %.4f | %.4f | %.4f | %.0f |%n", target.key(),
            topK == 0 ? "all" : topK, first[0], last[0], m.cosS(), m.cosM(), m.cosL(), m.cosBest(), s);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("target", target.key());
        row.put("top_k", topK);
        row.put("first_loss", first[0]);
        row.put("last_loss", last[0]);
        row.put("held_out_pixels", m.pixels());
        row.put("cos_s", m.cosS());
        row.put("cos_m", m.cosM());
        row.put("cos_l", m.cosL());
        row.put("cos_best", m.cosBest());
        row.put("seconds", s);
        results.add(row);
      }
    }
    if (json != null) {
      Files.writeString(json, TableStore.toJson(Map.of("scene", scene, "config", base.toString(), "results", results)));
    }
    return 0;
  }
}
