package org.gags.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.gags.segment.MaskNms;
import org.gags.segment.MaskNmsReference;
import org.gags.segment.MaskRecord;
import org.gags.segment.SegmentFilterConfig;
import org.gags.segment.SyntheticMasks;
import org.gags.util.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags bench nms}: LangSplat's mask NMS, box-pruned and bit-counted, on SAM-like masks. */
@Command(
    name = "nms",
    mixinStandardHelpOptions = true,
    description = {
      "Times the mask NMS (MaskNms) on synthetic SAM-like masks (default 1000 at 988x731): objects of many "
          + "sizes, nested parts, near-duplicates, unions and specks.",
      "Reports the median and minimum time after warm-up, masks/s, and how many pairs were skipped because "
          + "their boxes are disjoint or their largest possible intersection cannot trip a rule. With "
          + "--reference it also times the all-pairs, full-resolution reference on the first --reference-masks "
          + "masks and checks both keep the same masks."
    })
final class NmsBenchCommand implements Callable<Integer> {
  @Option(names = "--masks", defaultValue = "1000", description = "Masks (default: ${DEFAULT-VALUE}).")
  int masks;

  @Option(names = "--width", defaultValue = "988", description = "Image width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "731", description = "Image height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--seed", defaultValue = "1", description = "Mask set seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "0", description = "Threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--repeats", defaultValue = "7", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--reference", description = "Also time the reference on a subset and compare the kept masks.")
  boolean reference;

  @Option(names = "--reference-masks", defaultValue = "200",
      description = "Masks of the subset for --reference (default: ${DEFAULT-VALUE}).")
  int referenceMasks;

  @Override
  public Integer call() {
    if (masks < 1 || width < 1 || height < 1 || repeats < 1 || warmup < 0 || referenceMasks < 1) {
      throw new IllegalArgumentException("--masks, --width, --height, --repeats and --reference-masks must be >= 1 "
          + "and --warmup >= 0, found " + masks + ", " + width + ", " + height + ", " + repeats + ", "
          + referenceMasks + " and " + warmup);
    }
    SegmentFilterConfig config = SegmentFilterConfig.DEFAULT;
    long g0 = System.nanoTime();
    List<MaskRecord> set = SyntheticMasks.samLike(seed, masks, width, height);
    double genSeconds = (System.nanoTime() - g0) / 1e9;
    long areaSum = 0;
    for (MaskRecord r : set) {
      areaSum += r.mask().area();
    }
    System.out.printf("nms bench: %,d SAM-like masks at %dx%d (seed %d, generated in %.1f s, mean area %,d px), "
            + "%d thread(s), %d cores, java %s, max heap %d MiB%n",
        set.size(), width, height, seed, genSeconds, areaSum / set.size(), Parallel.resolveThreads(threads),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println();
    for (int i = 0; i < warmup; i++) {
      MaskNms.select(set, config, threads);
    }
    long[] nanos = new long[repeats];
    MaskNms.Result last = null;
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      last = MaskNms.select(set, config, threads);
      nanos[i] = System.nanoTime() - t0;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double median = sorted[repeats / 2] / 1e6;
    System.out.println("| masks | threads | median ms | min ms | masks/s | pairs | disjoint boxes | bound too small "
        + "| counted | kept |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    double pct = 100.0 / Math.max(1, last.pairs());
    System.out.printf("| %,d | %d | %.1f | %.1f | %,.0f | %,d | %,d (%.1f%%) | %,d (%.1f%%) | %,d (%.1f%%) | %,d |%n",
        set.size(), Parallel.resolveThreads(threads), median, sorted[0] / 1e6, set.size() / (median / 1e3),
        last.pairs(), last.pairsDisjoint(), last.pairsDisjoint() * pct, last.pairsBounded(), last.pairsBounded() * pct,
        last.pairsCounted(), last.pairsCounted() * pct, last.kept().length);

    if (reference) {
      List<MaskRecord> subset = set.subList(0, Math.min(referenceMasks, set.size()));
      for (int i = 0; i < warmup; i++) {
        MaskNms.select(subset, config, threads);
      }
      long[] fastNanos = new long[repeats];
      MaskNms.Result fast = null;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        fast = MaskNms.select(subset, config, threads);
        fastNanos[i] = System.nanoTime() - t0;
      }
      Arrays.sort(fastNanos);
      long t0 = System.nanoTime();
      int[] ref = MaskNmsReference.select(subset, config);
      double refMs = (System.nanoTime() - t0) / 1e6;
      double fastMs = fastNanos[repeats / 2] / 1e6;
      boolean equal = Arrays.equals(ref, fast.kept());
      System.out.println();
      System.out.println(
          "| subset masks | fast median ms | reference ms (1 run, 1 thread) | speed-up | kept | same kept masks |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.printf("| %,d | %.1f | %,.0f | %,.0fx | %,d | %s |%n",
          subset.size(), fastMs, refMs, refMs / fastMs, ref.length, equal ? "yes" : "NO");
      if (!equal) {
        System.out.println(
            "fast kept " + Arrays.toString(fast.kept()) + " but the reference kept " + Arrays.toString(ref));
        return 1;
      }
    }
    return 0;
  }
}
