package org.gags.spark.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.gags.distill.ClipTables;
import org.gags.distill.DistillConfig;
import org.gags.distill.DistillView;
import org.gags.distill.IterationReport;
import org.gags.distill.Trainer;
import org.gags.store.AtomicWrites;
import org.gags.store.PartitionReader;
import org.gags.store.rows.ContributorsRow;
import org.gags.store.rows.DecodersRow;
import org.gags.store.rows.FieldRow;
import org.gags.store.rows.TrainingRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scene's training, as one Spark task on an executor. It reads the scene's {@code embeddings}
 * and then its {@code contributors} itself ({@link PartitionReader}: nothing goes through the
 * driver), uploads each view to the training device as it is read (the lists are not kept in the
 * JVM heap), trains, and emits the rows of {@code field}, {@code decoders} and {@code training}
 * tagged by table. Every {@code checkpointEvery} iterations it saves a checkpoint next to the
 * output, with the loss curve so far ({@link TrainingCurve}), so a retried or restarted task
 * resumes where the last one stopped and emits the same rows as an uninterrupted one.
 *
 * @param checkpoint the checkpoint file's URI (under {@code <out>/_gags/checkpoints})
 */
record DistillTask(String scene, int gaussians, List<String> contributorFiles, List<String> embeddingFiles,
    DistillConfig cfg, String checkpoint, int checkpointEvery, int logEvery, HashMap<String, String> fs,
    boolean cuda) implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(DistillTask.class);

  /** Output table positions of {@link Tagged#table}. */
  static final int FIELD = 0;
  static final int DECODERS = 1;
  static final int TRAINING = 2;

  /** A row of one of the stage's tables, with the scene id last. */
  record Tagged(int table, Row row) implements Serializable {}

  /** Trains and returns every output row (the field's rows last, one per Gaussian). */
  List<Tagged> run(LongAccumulator iterationsDone) throws IOException {
    return run(iterationsDone, () -> {});
  }

  /**
   * As {@link #run(LongAccumulator)}, calling {@code afterFirstCheckpoint} once this task has saved
   * its first checkpoint (where {@link TaskFaults} fails a training task on purpose).
   */
  List<Tagged> run(LongAccumulator iterationsDone, Runnable afterFirstCheckpoint) throws IOException {
    ClipTables tables = clipTables();
    List<Tagged> out = new ArrayList<>();
    Configuration conf = new Configuration();
    fs.forEach(conf::set);
    Path ckpt = new Path(checkpoint);
    FileSystem cfs = ckpt.getFileSystem(conf);
    Iterable<DistillView> views = () -> views(tables);
    try (Trainer trainer = open(views, cfs, ckpt)) {
      int resumedAt = trainer.iteration();
      TrainingCurve before = new TrainingCurve(List.of(), 0);
      if (resumedAt > 0) {
        LOG.info("distill {}: resumed from the checkpoint at iteration {} ({})", scene, resumedAt, checkpoint);
        iterationsDone.add(resumedAt);
        before = curve(cfs, resumedAt);
      }
      List<TrainingRow> curve = new ArrayList<>(before.upTo(resumedAt));
      LOG.info("distill {}: {} Gaussians, {} contributor entries on the device, {} iterations", scene, gaussians,
          trainer.deviceEntries(), cfg.iterations());
      long t0 = System.nanoTime();
      boolean checkpointed = false;
      ProgressBar bar = ProgressBar.ifTerminal(scene, cfg.iterations());
      while (trainer.iteration() < cfg.iterations()) {
        IterationReport r = trainer.step();
        iterationsDone.add(1);
        bar.show(r.iteration());
        double seconds = before.seconds() + (System.nanoTime() - t0) / 1e9;
        boolean logged = r.iteration() % logEvery == 0 || r.iteration() == cfg.iterations() || r.iteration() == 1;
        if (logged) {
          curve.add(new TrainingRow(r.iteration(), r.view(), r.terms().distill(), r.terms().entropy(),
              r.terms().consistency(), r.terms().total(), seconds));
        }
        if (logged || r.iteration() == resumedAt + 1) {
          LOG.info("distill {}: {}", scene, r.line(cfg.iterations()));
        }
        if (r.iteration() % checkpointEvery == 0 && r.iteration() < cfg.iterations()) {
          save(trainer, cfs, ckpt, new TrainingCurve(curve, seconds));
          if (!checkpointed) {
            checkpointed = true;
            afterFirstCheckpoint.run();
          }
        }
      }
      bar.done();
      curve.forEach(row -> out.add(tagged(TRAINING, row.toRow())));
      ByteArrayOutputStream npz = new ByteArrayOutputStream();
      trainer.saveDecoders(npz);
      out.add(tagged(DECODERS, new DecodersRow(cfg.featureDim(), cfg.decoderWidth(), cfg.clipDim(), cfg.iterations(),
          cfg.toString(), withoutTimestamps(npz.toByteArray())).toRow()));
      float[] f = trainer.features();
      int d = cfg.featureDim();
      for (int g = 0; g < gaussians; g++) {
        out.add(tagged(FIELD, new FieldRow(g, java.util.Arrays.copyOfRange(f, g * d, (g + 1) * d)).toRow()));
      }
    }
    return out;
  }

  /** The curve saved with the checkpoint at {@code resumedAt}; without one, an empty curve (and a warning). */
  private TrainingCurve curve(FileSystem cfs, int resumedAt) throws IOException {
    Path p = new Path(TrainingCurve.beside(checkpoint));
    if (!cfs.exists(p)) {
      LOG.warn("distill {}: no training curve beside the checkpoint ({}): the training table starts after iteration {}",
          scene, p, resumedAt);
      return new TrainingCurve(List.of(), 0);
    }
    try (InputStream in = cfs.open(p)) {
      return TrainingCurve.read(in, p.toString());
    }
  }

  private Trainer open(Iterable<DistillView> views, FileSystem cfs, Path ckpt) throws IOException {
    ai.djl.Device device = device();
    LOG.info("distill {}: training on {}", scene, device);
    if (!cfs.exists(ckpt)) {
      return Trainer.create(cfg, views, gaussians, device);
    }
    try (InputStream in = cfs.open(ckpt)) {
      return Trainer.restore(cfg, views, gaussians, in, device);
    }
  }

  /**
   * The NPZ with every entry's time set to one fixed instant (1980-01-01, the first a zip can hold):
   * the same weights give the same bytes, whenever they were trained (a zip writer stamps each
   * entry with the clock).
   */
  static byte[] withoutTimestamps(byte[] npz) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(npz.length);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(npz));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
        zip.putNextEntry(copy);
        in.transferTo(zip);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** The CPU, or the GPU Spark gave this task (its resource address), or GPU 0 outside a task. */
  private ai.djl.Device device() {
    if (!cuda) {
      return ai.djl.Device.cpu();
    }
    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
    if (tc != null && tc.resources().contains("gpu")) {
      return ai.djl.Device.gpu(Integer.parseInt(tc.resources().apply("gpu").addresses()[0]));
    }
    return ai.djl.Device.gpu();
  }

  /**
   * Writes the curve so far, then the checkpoint, each under a temporary name renamed into place: a
   * half-written one is never read, and the curve always reaches the checkpoint's iteration.
   */
  private void save(Trainer trainer, FileSystem cfs, Path ckpt, TrainingCurve curve) throws IOException {
    AtomicWrites.write(cfs, new Path(TrainingCurve.beside(checkpoint)), curve::write);
    AtomicWrites.write(cfs, ckpt, trainer::save);
  }

  private Tagged tagged(int table, Row r) {
    return new Tagged(table, ViewFrame.withScene(r, scene));
  }

  /** Each view's CLIP tables, from the scene's embeddings files. */
  private ClipTables clipTables() {
    ClipTables tables = new ClipTables(scene, cfg.clipDim());
    for (Iterator<Group> it = PartitionReader.records(embeddingFiles, fs); it.hasNext(); ) {
      Group g = it.next();
      tables.add(PartitionReader.i(g, "view_index"), PartitionReader.s(g, "level"), PartitionReader.i(g, "segment_id"),
          PartitionReader.floats(g, "embedding"));
    }
    return tables;
  }

  /** The views, read one at a time from the contributors files (in view order). */
  private Iterator<DistillView> views(ClipTables tables) {
    Iterator<Group> records = PartitionReader.records(contributorFiles, fs);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public DistillView next() {
        Group g = records.next();
        ContributorsRow r = new ContributorsRow(PartitionReader.i(g, "view_index"), PartitionReader.i(g, "width"),
            PartitionReader.i(g, "height"), PartitionReader.i(g, "entries"), PartitionReader.i(g, "dropped_entries"),
            PartitionReader.bytes(g, "pixel_start"), PartitionReader.bytes(g, "gaussians"),
            PartitionReader.bytes(g, "weights"), PartitionReader.bytes(g, "segments_s"),
            PartitionReader.bytes(g, "segments_m"), PartitionReader.bytes(g, "segments_l"));
        return new DistillView("view " + r.viewIndex() + " of scene " + scene, r.contributors(), r.segments(),
            tables.forView(r.viewIndex()), cfg.clipDim());
      }
    };
  }

  /** A one-line bar on the terminal, when there is one (Spark's logs go on as they are). */
  static final class ProgressBar {
    private final String scene;
    private final int total;
    private final boolean on;
    private int shownPercent = -1;

    private ProgressBar(String scene, int total, boolean on) {
      this.scene = scene;
      this.total = total;
      this.on = on;
    }

    static ProgressBar ifTerminal(String scene, int total) {
      return new ProgressBar(scene, total, System.console() != null);
    }

    void show(int iteration) {
      int pct = (int) (100L * iteration / total);
      if (!on || pct == shownPercent) {
        return;
      }
      shownPercent = pct;
      int filled = pct / 4;
      System.out.print("\rdistill " + scene + " [" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + pct + "% ");
      System.out.flush();
    }

    void done() {
      if (on) {
        System.out.println();
      }
    }
  }
}
