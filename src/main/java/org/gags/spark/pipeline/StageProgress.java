package org.gags.spark.pipeline;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one stage of one scene in words: executors add finished views to a named Spark
 * accumulator (visible in the Spark UI) and a driver thread logs "scene stage: done/total views,
 * elapsed" every few seconds while the stage runs.
 */
final class StageProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);
  static final long PERIOD_SECONDS = 10;

  private final LongAccumulator done;
  private final ScheduledExecutorService timer;

  private StageProgress(LongAccumulator done, ScheduledExecutorService timer) {
    this.done = done;
    this.timer = timer;
  }

  /** Starts reporting; {@link #views()} is what executors add to. */
  static StageProgress start(RunContext ctx, String scenes, String what, long total) {
    return start(ctx, scenes, what, total, "views");
  }

  /** As above, counting {@code unit} (views, or a training's iterations). */
  static StageProgress start(RunContext ctx, String scenes, String what, long total, String unit) {
    LongAccumulator acc = ctx.spark().sparkContext().longAccumulator(scenes + " " + what + " " + unit + " done");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gags-progress");
      t.setDaemon(true);
      return t;
    });
    long t0 = System.nanoTime();
    timer.scheduleAtFixedRate(() -> LOG.info("{} {}: {}/{} {}, {} s", scenes, what, acc.value(), total, unit,
        (System.nanoTime() - t0) / 1_000_000_000L), PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    return new StageProgress(acc, timer);
  }

  LongAccumulator views() {
    return done;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
