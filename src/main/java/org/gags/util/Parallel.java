package org.gags.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code body(i)} for i in [0, n) on a fixed number of threads that pull indices from a
 * shared counter (dynamic load balance, no per-index allocation). The caller's thread works too.
 * The first exception thrown by any body is rethrown after all threads stop.
 */
public final class Parallel {
  private Parallel() {}

  /** Threads to use for a request of {@code threads} (0 or less means all available cores). */
  public static int resolveThreads(int threads) {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  public static void forEach(int n, int threads, IntConsumer body) {
    int workers = Math.min(resolveThreads(threads), n);
    if (workers <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable loop =
        () -> {
          try {
            for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
              body.accept(i);
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        };
    List<Thread> started = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      Thread t = new Thread(loop, "gags-worker-" + w);
      t.setDaemon(true);
      t.start();
      started.add(t);
    }
    loop.run();
    for (Thread t : started) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for workers", e);
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /** Runs {@code body(start, end)} over about {@code chunks} contiguous ranges covering [0, n). */
  public static void forRanges(int n, int threads, int chunkSize, RangeBody body) {
    int chunks = (n + chunkSize - 1) / chunkSize;
    forEach(chunks, threads, c -> body.accept(c * chunkSize, Math.min(n, (c + 1) * chunkSize)));
  }

  /** A body over the index range [start, end). */
  @FunctionalInterface
  public interface RangeBody {
    void accept(int start, int end);
  }
}
