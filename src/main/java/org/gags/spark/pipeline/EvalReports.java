package org.gags.spark.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.gags.eval.FrameTiming;
import org.gags.eval.HeatmapLink;
import org.gags.eval.Heatmap;
import org.gags.eval.HtmlReport;
import org.gags.eval.Metrics;
import org.gags.eval.PairScore;
import org.gags.eval.SceneScores;
import org.gags.store.Tables;
import org.gags.store.rows.MetricsRow;
import org.gags.store.rows.ResultRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eval stage's driver side: each committed scene's {@code metrics} row from its {@code
 * results}, and the run's offline HTML report ({@code <out>/reports/<run id>.html}) over every
 * scene of the output root (or of the sweep folder of the eval stage's hash) that has metrics,
 * linking the heatmaps beside them.
 */
final class EvalReports {
  private static final Logger LOG = LoggerFactory.getLogger(EvalReports.class);

  private EvalReports() {}

  /** Writes the metrics of the batch's scenes that did not fail, then the report; returns new failures. */
  static List<SceneFailure> commitMetrics(RunContext ctx, EvalStage stage, String hash, List<SceneRef> scenes,
      List<SceneFailure> failed) {
    Set<String> bad = new HashSet<>();
    failed.forEach(f -> bad.add(f.sceneId()));
    List<SceneFailure> more = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (SceneRef s : scenes) {
      if (bad.contains(s.id())) {
        continue;
      }
      try {
        List<ResultRow> results = results(ctx, s.id());
        Metrics m = Metrics.of(results.stream().map(r -> new PairScore(r.frame(), r.category(), r.hit(), r.iou())).toList());
        int frames = (int) results.stream().map(ResultRow::frame).distinct().count();
        rows.add(ViewFrame.withScene(new MetricsRow(m.mAcc(), m.mIoU(), m.pairs(), m.hits(), frames, hash, ctx.runId())
            .toRow(), s.id()));
        ids.add(s.id());
        Map<String, ResultRow> perFrame = new LinkedHashMap<>();
        results.forEach(r -> perFrame.putIfAbsent(r.frame(), r));
        LOG.info("{} eval: mAcc {} mIoU {} over {} pairs in {} frames; per frame {} ms render, {} ms decode, {} ms score",
            s.id(), String.format("%.4f", m.mAcc()), String.format("%.4f", m.mIoU()), m.pairs(), frames,
            mean(perFrame.values(), ResultRow::renderMs), mean(perFrame.values(), ResultRow::decodeMs),
            mean(perFrame.values(), ResultRow::scoreMs));
      } catch (Exception e) {
        more.add(SceneFailure.of(s.id(), e));
      }
    }
    if (!ids.isEmpty()) {
      Commits.writeScenes(ctx, stage, hash, Tables.METRICS, rows, ids);
      writeReport(ctx);
    }
    return more;
  }

  private static String mean(java.util.Collection<ResultRow> rows, java.util.function.ToDoubleFunction<ResultRow> f) {
    return String.format("%.0f", rows.stream().mapToDouble(f).average().orElse(Double.NaN));
  }

  private static List<ResultRow> results(RunContext ctx, String scene) {
    return ctx.store().read(ctx.spark(), Tables.RESULTS, scene).collectAsList().stream().map(ResultRow::from).toList();
  }

  /** The run's report over every scene with committed metrics in the output root. */
  static void writeReport(RunContext ctx) {
    try {
      Path metricsDir = new Path(ctx.store().tableRoot(Tables.METRICS) + "/" + Tables.METRICS.name());
      String folder = ctx.store().folder(Tables.RESULTS);
      String heatmapsHref = "../" + (folder.isEmpty() ? "" : folder + "/") + "heatmaps/";
      List<SceneScores> scenes = new ArrayList<>();
      List<HeatmapLink> heatmaps = new ArrayList<>();
      List<FrameTiming> timings = new ArrayList<>();
      String prefix = Tables.METRICS.partitionColumn() + "=";
      List<String> ids = new ArrayList<>();
      for (FileStatus st : ctx.store().fileSystem().listStatus(metricsDir)) {
        String name = st.getPath().getName();
        if (name.startsWith(prefix) && ctx.store().marker(Tables.METRICS, name.substring(prefix.length())) != null) {
          ids.add(name.substring(prefix.length()));
        }
      }
      ids.sort(null);
      for (String id : ids) {
        List<ResultRow> results = results(ctx, id);
        scenes.add(new SceneScores(id,
            results.stream().map(r -> new PairScore(r.frame(), r.category(), r.hit(), r.iou())).toList(), List.of()));
        Map<String, ResultRow> perFrame = new LinkedHashMap<>();
        for (ResultRow r : results) {
          perFrame.putIfAbsent(r.frame(), r);
          Path png = new Path(EvalStage.heatmapDir(ctx, id) + "/" + Heatmap.fileName(r.frame(), r.category()));
          if (ctx.store().fileSystem().exists(png)) {
            heatmaps.add(new HeatmapLink(id, r.frame(), r.category(),
                heatmapsHref + id + "/" + Heatmap.fileName(r.frame(), r.category())));
          }
        }
        perFrame.values().forEach(r -> timings.add(new FrameTiming(id, r.frame(), r.renderMs(), r.decodeMs(), r.scoreMs())));
      }
      String html = HtmlReport.render(new HtmlReport.Run("gags run " + ctx.runId(), scenes, ctx.config().values(),
          heatmaps, timings));
      ctx.store().writeText("reports/" + ctx.runId() + ".html", html);
      LOG.info("eval report: {}/reports/{}.html ({} scenes)", ctx.store().root(), ctx.runId(), scenes.size());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the eval report: " + e.getMessage(), e);
    }
  }
}
