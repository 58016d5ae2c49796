package org.gags.model.sam;

import java.util.ArrayList;
import java.util.List;
import org.gags.scene.RgbImage;
import org.gags.segment.CandidateFilter;
import org.gags.segment.LevelFilter;
import org.gags.segment.LevelResult;
import org.gags.segment.MaskBox;
import org.gags.segment.MaskRecord;
import org.gags.segment.MaskRle;
import org.gags.segment.SegmentFilterConfig;

/**
 * Segments one view (METHOD 2.4): SAM's encoder once, its decoder once per prompt; per level
 * (mask tokens 1, 2, 3 = s, m, l) a candidate is upsampled only when its predicted IoU passes,
 * then filtered by stability and binarised, so no view ever holds more than one full-resolution
 * logit map; then the level's box NMS, small-region cleanup and mask NMS ({@link LevelFilter}).
 */
public final class ViewSegmenter {
  private final SamSession session;
  private final SegmentFilterConfig config;
  private final int batch;

  /** One kept mask, in its level's kept order. */
  public record Kept(String level, int segmentId, int promptIndex, int x0, int y0, int x1, int y1, int area,
      float predictedIou, float stability, byte[] rle) {}

  /** Nanoseconds spent per part of the work on one view. */
  public record Timings(long preprocessNanos, long encoderNanos, long decoderNanos, long filterNanos) {}

  /**
   * Kept masks of all levels (s, then m, then l), where the time went, and per level how many masks
   * each step left: {@code funnel[level] = {prompts, IoU + stability, box NMS, small regions + box NMS, mask NMS}}.
   */
  public record Result(List<Kept> kept, int[][] funnel, Timings timings) {}

  /** @param batch prompts per decoder call */
  public ViewSegmenter(SamSession session, SegmentFilterConfig config, int batch) {
    this.session = session;
    this.config = config;
    this.batch = batch;
  }

  public Result segment(RgbImage image, float[] xs, float[] ys) {
    int w = image.width();
    int h = image.height();
    long t0 = System.nanoTime();
    SamImage si = SamImage.of(image);
    long t1 = System.nanoTime();
    float[] embedding = session.encode(si);
    long t2 = System.nanoTime();
    MaskUpsampler upsampler = MaskUpsampler.forImage(si);
    float[] logits = new float[w * h];
    List<List<MaskRecord>> levels = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long decode = 0;
    long filter = 0;
    float[] xy = new float[2 * batch];
    for (int start = 0; start < xs.length; start += batch) {
      int n = Math.min(batch, xs.length - start);
      for (int j = 0; j < n; j++) {
        float[] p = si.toModelFrame(xs[start + j], ys[start + j]);
        xy[2 * j] = p[0];
        xy[2 * j + 1] = p[1];
      }
      long a = System.nanoTime();
      SamSession.Decoded[] decoded = session.decodeBatch(embedding, xy, n, w, h);
      long b = System.nanoTime();
      for (int j = 0; j < n; j++) {
        SamSession.Decoded d = decoded[j];
        for (int level = 0; level < 3; level++) {
          int plane = level + 1;
          float iou = d.iou()[plane];
          if (!CandidateFilter.passesPredictedIou(iou, config)) {
            continue;
          }
          upsampler.upsample(d.lowRes(), plane, logits);
          CandidateFilter.accept(start + j, logits, w, h, iou, config).ifPresent(levels.get(level)::add);
        }
      }
      decode += b - a;
      filter += System.nanoTime() - b;
    }
    long c = System.nanoTime();
    List<Kept> kept = new ArrayList<>();
    int[][] funnel = new int[3][];
    for (int level = 0; level < 3; level++) {
      LevelResult r = LevelFilter.filter(w, h, xs.length, levels.get(level), config, 1);
      funnel[level] = new int[] {xs.length, r.accepted().size(), r.afterBoxNms().size(), r.afterCleanup().size(),
          r.kept().size()};
      List<MaskRecord> survivors = r.kept();
      String name = SamSpec.LEVELS.get(level);
      for (int k = 0; k < survivors.size(); k++) {
        MaskRecord m = survivors.get(k);
        MaskBox box = m.box();
        kept.add(new Kept(name, k, m.promptIndex(), box.x0(), box.y0(), box.x1(), box.y1(), m.mask().area(),
            m.predictedIou(), m.stability(), MaskRle.encode(m.mask())));
      }
    }
    filter += System.nanoTime() - c;
    return new Result(kept, funnel, new Timings(t1 - t0, t2 - t1, decode, filter));
  }
}
