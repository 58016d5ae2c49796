package org.gags.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SAM mask filtering of one granularity level (s, m or l) of one view, METHOD.md section
 * 2.4: SAM's automatic mask generator as LangSplat modified it (each level filtered on its own),
 * then LangSplat's mask NMS. It composes named steps:
 *
 * <ol>
 *   <li>{@link CandidateFilter}: per candidate, predicted IoU, stability score, binarisation;
 *   <li>{@link BoxNms} scored by predicted IoU;
 *   <li>{@link SmallRegions#postprocess}: fill holes, remove islands, box NMS again;
 *   <li>{@link MaskNms}: LangSplat's mask NMS;
 *   <li>{@link SegmentMap}: the kept masks painted in order.
 * </ol>
 *
 * <p>Streaming: {@link #offer} runs step 1 on one candidate's logits and keeps only the survivor's
 * {@link BitMask}, so the caller can hand over candidates one at a time in prompt order and drop
 * each logit map right away; {@link #finish} runs steps 2-5. {@link #filter} runs steps 2-5 on
 * records the caller already has. Not thread safe; steps 3 and 4 use {@code threads} threads.
 *
 * <pre>{@code
 * LevelFilter level = new LevelFilter(width, height, SegmentFilterConfig.DEFAULT, 0);
 * for (each prompt p) level.offer(p, logitsOfLevel, predictedIouOfLevel);
 * LevelResult r = level.finish();   // r.kept(), r.segmentMap()
 * }</pre>
 */
public final class LevelFilter {
  private final int width;
  private final int height;
  private final SegmentFilterConfig config;
  private final int threads;
  private final List<MaskRecord> accepted = new ArrayList<>();
  private int offered;
  private boolean finished;

  /**
   * @param width image width (the logits' width)
   * @param height image height
   * @param config thresholds
   * @param threads threads for steps 3 and 4, 0 = all cores
   */
  public LevelFilter(int width, int height, SegmentFilterConfig config, int threads) {
    BitMask.requireSize(width, height);
    if (config == null) {
      throw new IllegalArgumentException("segment filter config must be given");
    }
    this.width = width;
    this.height = height;
    this.config = config;
    this.threads = threads;
  }

  /**
   * Step 1 on one candidate.
   *
   * @param promptIndex the prompt's index (generator order)
   * @param logits the candidate's mask logits, upsampled to the image size, row-major; not kept
   * @param predictedIou the decoder's IoU prediction for this level
   * @return whether the candidate passed
   */
  public boolean offer(int promptIndex, float[] logits, float predictedIou) {
    requireOpen();
    offered++;
    Optional<MaskRecord> r = CandidateFilter.accept(promptIndex, logits, width, height, predictedIou, config);
    r.ifPresent(accepted::add);
    return r.isPresent();
  }

  /** Candidates offered so far. */
  public int offered() {
    return offered;
  }

  /** Candidates that passed step 1 so far. */
  public int acceptedCount() {
    return accepted.size();
  }

  /** Steps 2-5 on the candidates offered; the filter cannot be used afterwards. */
  public LevelResult finish() {
    requireOpen();
    finished = true;
    return filter(width, height, offered, accepted, config, threads);
  }

  /**
   * Steps 2-5 on records that passed step 1, in generator order.
   *
   * @param offered how many candidates step 1 saw (reported only)
   */
  public static LevelResult filter(
      int width, int height, int offered, List<MaskRecord> accepted, SegmentFilterConfig config, int threads) {
    for (MaskRecord r : accepted) {
      if (r.mask().width() != width || r.mask().height() != height) {
        throw new IllegalArgumentException("level is " + width + "x" + height + " but the mask of prompt "
            + r.promptIndex() + " is " + r.mask().width() + "x" + r.mask().height());
      }
    }
    List<MaskRecord> afterBoxNms = BoxNms.byPredictedIou(accepted, config.boxNmsThresh());
    List<MaskRecord> afterCleanup =
        SmallRegions.postprocess(afterBoxNms, config.minRegionArea(), config.boxNmsThresh(), threads);
    MaskNms.Result nms = MaskNms.select(afterCleanup, config, threads);
    List<MaskRecord> kept = new ArrayList<>(nms.kept().length);
    for (int k : nms.kept()) {
      kept.add(afterCleanup.get(k));
    }
    SegmentMap map = SegmentMap.ofRecords(width, height, kept);
    return new LevelResult(offered, accepted, afterBoxNms, afterCleanup, kept, map, nms);
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("this level filter has finished; start a new one for the next level");
    }
  }
}
