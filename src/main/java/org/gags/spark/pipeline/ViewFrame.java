package org.gags.spark.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.gags.store.TableDef;
import scala.Tuple2;

/**
 * Runs a {@link ViewStage} over a batch of scenes as one Spark job: reads the input tables of all
 * of them, groups their rows per (scene, view) into tasks of {@code viewsPerTask} views of one
 * scene (one shuffle for all inputs, split by {@link ViewPartitioner}), runs each scene's {@link
 * ViewTask} on its views with the task's resource opened once, streams the rows out (one view's
 * rows are held at a time, never a whole partition), reports progress, and commits each scene's
 * output with the stage's config and model ids. A scene whose work throws fails alone: its
 * failure comes back as data (an accumulator), its partial rows are never committed, and the
 * other scenes of the job are. Under {@code faults.*} a task may fail on purpose after its last
 * view ({@link TaskFaults}); Spark runs it again.
 */
public final class ViewFrame {
  private ViewFrame() {}

  static <R> List<SceneFailure> run(ViewStage<R> stage, RunContext ctx, List<SceneRef> scenes, String hash) {
    return run(stage, ctx, scenes, hash,
        batch -> inputs(ctx, batch, stage.inputs(), ctx.config().getInt(stage.viewsPerTaskKey())));
  }

  /**
   * As above, with the batch's grouped inputs from {@code inputsOf} (given the scenes that were
   * prepared): a step that follows another over the same inputs passes that step's RDD, so Spark
   * reuses its shuffle instead of reading and grouping the tables again.
   */
  static <R> List<SceneFailure> run(ViewStage<R> stage, RunContext ctx, List<SceneRef> scenes, String hash,
      java.util.function.Function<List<SceneTables.SceneInfo>, JavaRDD<ViewInput>> inputsOf) {
    List<SceneFailure> failed = new ArrayList<>();
    Map<String, SceneTables.SceneInfo> infos = SceneTables.infos(ctx, scenes);
    LinkedHashMap<String, ViewTask<R>> tasks = new LinkedHashMap<>();
    for (SceneRef s : scenes) {
      try {
        tasks.put(s.id(), stage.prepare(ctx, infos.get(s.id())));
      } catch (Exception | LinkageError | AssertionError e) {
        failed.add(SceneFailure.of(s.id(), e));
      }
    }
    if (tasks.isEmpty()) {
      return failed;
    }
    List<SceneTables.SceneInfo> batch = tasks.keySet().stream().map(infos::get).toList();
    JavaRDD<ViewInput> views = inputsOf.apply(batch);
    CollectionAccumulator<SceneFailure> errors = ctx.spark().sparkContext().collectionAccumulator(
        stage.name() + " failed scenes");
    long total = batch.stream().mapToLong(SceneTables.SceneInfo::views).sum();
    TaskFaults faults = TaskFaults.of(ctx.config());
    String site = stage.name();
    try (StageProgress progress = StageProgress.start(ctx, label(tasks.keySet()), stage.name(), total)) {
      LongAccumulator done = progress.views();
      JavaRDD<Row> rows = views.mapPartitions(it -> faults.afterLast(site, new ViewRows<>(it, tasks, done, errors)));
      Commits.writeScenes(ctx, stage, hash, stage.output(), rows, stage.orderBy(), List.copyOf(tasks.keySet()), () -> {
        Set<String> bad = new HashSet<>();
        for (SceneFailure f : errors.value()) {
          if (bad.add(f.sceneId())) {
            failed.add(f);
          }
        }
        return tasks.keySet().stream().filter(id -> !bad.contains(id)).toList();
      });
    }
    Set<String> bad = new HashSet<>();
    failed.forEach(f -> bad.add(f.sceneId()));
    tasks.forEach((id, task) -> {
      if (!bad.contains(id)) {
        task.finished(infos.get(id).ref());
      }
    });
    return failed;
  }

  /** "s1" or "4 scenes (s1 .. s4)", for progress lines. */
  static String label(java.util.Collection<String> ids) {
    List<String> l = List.copyOf(ids);
    return l.size() == 1 ? l.get(0) : l.size() + " scenes (" + l.get(0) + " .. " + l.get(l.size() - 1) + ")";
  }

  /**
   * The batch's rows of {@code tables} grouped per (scene, view), in tasks of {@code viewsPerTask}
   * views of one scene, views ascending within a task. Lazy: a task groups one view at a time as
   * it is consumed.
   */
  static JavaRDD<ViewInput> inputs(RunContext ctx, List<SceneTables.SceneInfo> scenes, List<TableDef> tables,
      int viewsPerTask) {
    List<String> names = tables.stream().map(TableDef::name).toList();
    List<String> ids = scenes.stream().map(SceneTables.SceneInfo::id).toList();
    HashMap<String, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    JavaPairRDD<SceneViewKey, Tagged> keyed = null;
    for (int t = 0; t < tables.size(); t++) {
      int tag = t;
      String key = tables.get(t).partitionColumn();
      JavaPairRDD<SceneViewKey, Tagged> one = ctx.store().readScenes(ctx.spark(), tables.get(t), ids).javaRDD()
          .mapToPair(r -> new Tuple2<>(
              new SceneViewKey(position.get(r.getString(r.fieldIndex(key))), r.getInt(r.fieldIndex("view_index"))),
              new Tagged(tag, dropLast(r))));
      keyed = keyed == null ? one : keyed.union(one);
    }
    int[] views = scenes.stream().mapToInt(SceneTables.SceneInfo::views).toArray();
    return keyed.repartitionAndSortWithinPartitions(new ViewPartitioner(views, viewsPerTask))
        .mapPartitions(it -> new ViewGroups(it, names, ids));
  }

  /** {@code r} with {@code scene} appended: a row of a batch write. */
  static Row withScene(Row r, String scene) {
    Object[] v = new Object[r.size() + 1];
    for (int i = 0; i < r.size(); i++) {
      v[i] = r.get(i);
    }
    v[r.size()] = scene;
    return RowFactory.create(v);
  }

  /** A row without its last column (the partition column the batch read adds), keeping its schema. */
  private static Row dropLast(Row r) {
    Object[] v = new Object[r.size() - 1];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    org.apache.spark.sql.types.StructField[] f = java.util.Arrays.copyOf(r.schema().fields(), v.length);
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(v,
        new org.apache.spark.sql.types.StructType(f));
  }

  /** A row of input table number {@code table}. */
  record Tagged(int table, Row row) implements Serializable {}

  /** Consecutive rows of one (scene, view), from the key-sorted rows of a task, as one {@link ViewInput}. */
  static final class ViewGroups implements Iterator<ViewInput> {
    private final Iterator<Tuple2<SceneViewKey, Tagged>> in;
    private final List<String> tables;
    private final List<String> scenes;
    private Tuple2<SceneViewKey, Tagged> pending;

    ViewGroups(Iterator<Tuple2<SceneViewKey, Tagged>> in, List<String> tables, List<String> scenes) {
      this.in = in;
      this.tables = tables;
      this.scenes = scenes;
    }

    @Override
    public boolean hasNext() {
      return pending != null || in.hasNext();
    }

    @Override
    public ViewInput next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Tuple2<SceneViewKey, Tagged> first = pending != null ? pending : in.next();
      pending = null;
      SceneViewKey key = first._1();
      Map<String, List<Row>> rows = new LinkedHashMap<>();
      tables.forEach(t -> rows.put(t, new ArrayList<>()));
      rows.get(tables.get(first._2().table())).add(first._2().row());
      while (in.hasNext()) {
        Tuple2<SceneViewKey, Tagged> t = in.next();
        if (!t._1().equals(key)) {
          pending = t;
          break;
        }
        rows.get(tables.get(t._2().table())).add(t._2().row());
      }
      return new ViewInput(scenes.get(key.scene()), key.view(), rows);
    }
  }

  /**
   * A task's output rows, each with its scene id appended: one view computed at a time, each
   * scene's resource opened once. A scene whose work throws is reported to {@code errors} and its
   * remaining views are skipped; the task goes on with the others.
   */
  static final class ViewRows<R> implements Iterator<Row> {
    private final Iterator<ViewInput> in;
    private final Map<String, ViewTask<R>> tasks;
    private final LongAccumulator done;
    private final CollectionAccumulator<SceneFailure> errors;
    private final Map<String, R> open = new LinkedHashMap<>();
    private final Set<String> failed = new HashSet<>();
    private Iterator<Row> current = Collections.emptyIterator();
    private boolean listening;

    ViewRows(Iterator<ViewInput> in, Map<String, ViewTask<R>> tasks, LongAccumulator done,
        CollectionAccumulator<SceneFailure> errors) {
      this.in = in;
      this.tasks = tasks;
      this.done = done;
      this.errors = errors;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (!in.hasNext()) {
          closeAll();
          return false;
        }
        current = compute(in.next()).iterator();
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    private List<Row> compute(ViewInput view) {
      if (failed.contains(view.scene())) {
        return List.of();
      }
      List<Row> out = new ArrayList<>();
      ViewTask<R> task = tasks.get(view.scene());
      try {
        R resource = resource(view.scene(), task);
        task.view(resource, view, r -> out.add(withScene(r, view.scene())));
      } catch (Exception | LinkageError | AssertionError e) {
        failed.add(view.scene());
        errors.add(SceneFailure.of(view.scene(), e));
        return List.of();
      }
      done.add(1);
      return out;
    }

    private R resource(String scene, ViewTask<R> task) throws Exception {
      if (open.containsKey(scene)) {
        return open.get(scene);
      }
      if (!listening && TaskContext.get() != null) {
        listening = true;
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) c -> closeAll());
      }
      R r = task.open();
      open.put(scene, r);
      return r;
    }

    private void closeAll() {
      List<Map.Entry<String, R>> toClose = new ArrayList<>(open.entrySet());
      open.clear();
      for (Map.Entry<String, R> e : toClose) {
        try {
          tasks.get(e.getKey()).close(e.getValue());
        } catch (Exception ex) {
          throw new IllegalStateException("closing the task resource of scene " + e.getKey() + ": " + ex, ex);
        }
      }
    }
  }
}
