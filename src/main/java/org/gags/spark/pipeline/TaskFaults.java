package org.gags.spark.pipeline;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.gags.config.ResolvedConfig;

/**
 * Task failures on purpose ({@code faults.*}), to show that Spark's retries leave every table as a
 * clean run makes it. Where a stage's task has done its work (a {@link ViewFrame} task after its
 * last view, a min-depth task after its partial minima or its reduction, a training task after
 * its first checkpoint), it calls {@link #check}, which throws {@link InjectedTaskFailure} when
 * the attempt is to fail: every first attempt ({@code faults.fail_first_attempt}), or attempts
 * drawn at {@code faults.random_rate} from a generator seeded by {@code faults.seed}, the site,
 * the partition and the attempt number (so a seed fails the same attempts in every run). The
 * exception escapes the per-scene failure handling: Spark sees a failed task and runs it again,
 * up to its task attempts ({@code local[N,F]}: F; a cluster: {@code spark.task.maxFailures}). The
 * keys change no stage's config hash; the run's manifest records them.
 */
record TaskFaults(boolean failFirstAttempt, double randomRate, long seed) implements Serializable {
  static final TaskFaults NONE = new TaskFaults(false, 0, 0);

  static TaskFaults of(ResolvedConfig c) {
    return new TaskFaults(Boolean.parseBoolean(c.get("faults.fail_first_attempt")),
        c.getDouble("faults.random_rate"), c.getLong("faults.seed"));
  }

  boolean on() {
    return failFirstAttempt || randomRate > 0;
  }

  /** What the run's manifest records. */
  Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fail_first_attempt", failFirstAttempt);
    m.put("random_rate", randomRate);
    m.put("seed", seed);
    return m;
  }

  /** Throws {@link InjectedTaskFailure} when this task attempt is to fail at {@code site}; outside a task, nothing. */
  void check(String site) {
    TaskContext tc = TaskContext.get();
    if (tc == null || !on()) {
      return;
    }
    int attempt = tc.attemptNumber();
    if (failFirstAttempt && attempt == 0) {
      throw new InjectedTaskFailure(site, tc.partitionId(), attempt, "faults.fail_first_attempt");
    }
    if (fails(site, tc.partitionId(), attempt)) {
      throw new InjectedTaskFailure(site, tc.partitionId(), attempt, "faults.random_rate=" + randomRate);
    }
  }

  /** Whether attempt {@code attempt} of partition {@code partition} at {@code site} draws a failure. */
  boolean fails(String site, int partition, int attempt) {
    if (randomRate <= 0) {
      return false;
    }
    long key = seed;
    key = key * 0x9E3779B97F4A7C15L + site.hashCode();
    key = key * 0x9E3779B97F4A7C15L + partition;
    key = key * 0x9E3779B97F4A7C15L + attempt;
    return new SplittableRandom(key).nextDouble() < randomRate;
  }

  /** {@code in}, with {@link #check} called once when it is exhausted: the task fails after all its work. */
  <T> Iterator<T> afterLast(String site, Iterator<T> in) {
    if (!on()) {
      return in;
    }
    return new Iterator<>() {
      private boolean checked;

      @Override
      public boolean hasNext() {
        if (in.hasNext()) {
          return true;
        }
        if (!checked) {
          checked = true;
          check(site);
        }
        return false;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return in.next();
      }
    };
  }

  /** A task attempt failed on purpose. Not a scene's failure: it is never caught as one, so Spark retries the task. */
  static final class InjectedTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedTaskFailure(String site, int partition, int attempt, String why) {
      super("injected task failure (" + why + "): " + site + ", partition " + partition + ", attempt " + attempt);
    }
  }
}
