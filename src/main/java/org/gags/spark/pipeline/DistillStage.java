package org.gags.spark.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.gags.config.ConfigKeys;
import org.gags.distill.DistillConfig;
import org.gags.store.PartitionReader;
import org.gags.store.TableDef;
import org.gags.store.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * distill (one Spark task per scene, METHOD 3): trains each scene's language field, the 16-d
 * per-Gaussian features and both decoders, from its {@code contributors} and {@code embeddings}.
 * The driver only coordinates: it lists each scene's committed files and ships a {@link
 * DistillTask}; the task reads the tables itself on its executor. With {@code distill.device=cuda}
 * the tasks ask for one whole GPU each through stage-level scheduling (a task {@link
 * ResourceProfile}), so scenes train in parallel across GPU executors. One Spark job trains the
 * batch (its rows are kept, memory and disk, for the three writes); each scene's {@code field},
 * {@code decoders} and {@code training} are committed with the CLIP spec id of its embeddings, and
 * a scene whose training fails fails alone.
 */
public final class DistillStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(DistillStage.class);

  @Override
  public String name() {
    return ConfigKeys.DISTILL;
  }

  @Override
  public List<String> upstream() {
    return List.of(ConfigKeys.CONTRIBUTORS, ConfigKeys.EMBED);
  }

  @Override
  public List<TableDef> outputs() {
    return List.of(Tables.FIELD, Tables.DECODERS, Tables.TRAINING);
  }

  /** The embeddings' CLIP: its id joins the hash and is recorded on the outputs; it is not run here. */
  @Override
  public List<StageModel<?>> models() {
    return List.of(ModelSpecs.CLIP);
  }

  @Override
  public String modelColumn(TableDef table) {
    return table == Tables.FIELD ? "feature" : table == Tables.DECODERS ? "npz" : "total";
  }

  /** Where a scene's training checkpoint lives: per scene and stage hash, outside the tables. */
  static String checkpoint(RunContext ctx, String scene, String hash) {
    return ctx.store().root() + "/_gags/checkpoints/distill/" + scene + "/" + hash + ".npz";
  }

  @Override
  public List<SceneFailure> run(RunContext ctx, List<SceneRef> scenes, String hash) {
    List<SceneFailure> failed = new ArrayList<>();
    Map<String, SceneTables.SceneInfo> infos = SceneTables.infos(ctx, scenes);
    String clipId = ModelSpecs.CLIP.id(ctx.config(), SceneTables.fsSettings(ctx));
    DistillConfig cfg = DistillSettings.of(ctx.config(), ModelSpecs.CLIP.spec(ctx.config()).embeddingSize());
    LinkedHashMap<String, DistillTask> tasks = new LinkedHashMap<>();
    for (SceneRef s : scenes) {
      try {
        ModelStages.requireUpstreamModel(ctx, s, Tables.EMBEDDINGS, clipId);
        SceneTables.SceneInfo info = infos.get(s.id());
        tasks.put(s.id(), new DistillTask(s.id(), info.gaussians(),
            PartitionReader.files(ctx.store(), Tables.CONTRIBUTORS, s.id()),
            PartitionReader.files(ctx.store(), Tables.EMBEDDINGS, s.id()), cfg, checkpoint(ctx, s.id(), hash),
            ctx.config().getInt("distill.checkpoint_every"), ctx.config().getInt("distill.log_every"), info.fs(),
            "cuda".equals(ctx.config().get("distill.device"))));
      } catch (Exception e) {
        failed.add(SceneFailure.of(s.id(), e));
      }
    }
    if (tasks.isEmpty()) {
      return failed;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    JavaRDD<DistillTask> perScene = withGpus(jsc.parallelize(new ArrayList<>(tasks.values()), tasks.size()),
        "cuda".equals(ctx.config().get("distill.device")));
    CollectionAccumulator<SceneFailure> errors =
        ctx.spark().sparkContext().collectionAccumulator("distill failed scenes");
    long total = (long) cfg.iterations() * tasks.size();
    List<String> ids = List.copyOf(tasks.keySet());
    Set<String> bad = new HashSet<>();
    try (StageProgress progress = StageProgress.start(ctx, ViewFrame.label(tasks.keySet()), "distill", total,
        "iterations (of finished tasks; each task logs its own progress)")) {
      LongAccumulator done = progress.views();
      TaskFaults faults = TaskFaults.of(ctx.config());
      JavaRDD<DistillTask.Tagged> rows = perScene.flatMap(t -> {
        try {
          return t.run(done, () -> faults.check("distill")).iterator();
        } catch (TaskFaults.InjectedTaskFailure f) {
          throw f; // a task failure for Spark to retry, not the scene's
        } catch (Exception | LinkageError | AssertionError e) {
          errors.add(SceneFailure.of(t.scene(), e));
          return java.util.Collections.emptyIterator();
        }
      }).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        int[] tables = {DistillTask.FIELD, DistillTask.DECODERS, DistillTask.TRAINING};
        for (int k = 0; k < tables.length; k++) {
          int which = tables[k];
          TableDef table = outputs().get(k);
          JavaRDD<Row> out = rows.filter(t -> t.table() == which).map(DistillTask.Tagged::row);
          Commits.writeScenes(ctx, this, hash, table, out, List.of(table.columns().get(0).name()), ids, () -> {
            for (SceneFailure f : errors.value()) {
              if (bad.add(f.sceneId())) {
                failed.add(f);
              }
            }
            return ids.stream().filter(id -> !bad.contains(id)).toList();
          });
        }
      } finally {
        rows.unpersist(false);
      }
    }
    for (String id : ids) {
      if (!bad.contains(id)) {
        deleteCheckpoint(ctx, id, hash);
      }
    }
    return failed;
  }

  /**
   * The training tasks, asking for a whole GPU each when {@code cuda} on a cluster. In an embedded
   * {@code local[*]} Spark there is no GPU scheduling (Spark refuses task resource profiles there
   * unless dynamic allocation is on): its tasks train on CUDA device 0.
   */
  static <T> JavaRDD<T> withGpus(JavaRDD<T> tasks, boolean cuda) {
    return cuda && !tasks.context().isLocal() ? tasks.withResources(gpuProfile()) : tasks;
  }

  /** Each training task takes one whole GPU (and its executor's cores as Spark schedules them). */
  static ResourceProfile gpuProfile() {
    return new ResourceProfileBuilder().require(new TaskResourceRequests().cpus(1).resource("gpu", 1.0)).build();
  }

  private static void deleteCheckpoint(RunContext ctx, String scene, String hash) {
    String ckpt = checkpoint(ctx, scene, hash);
    for (Path p : List.of(new Path(ckpt), new Path(TrainingCurve.beside(ckpt)))) {
      try {
        ctx.store().fileSystem().delete(p, false);
      } catch (IOException e) {
        LOG.warn("distill {}: cannot remove the finished training's {}: {}", scene, p, e.getMessage());
      }
    }
  }
}
