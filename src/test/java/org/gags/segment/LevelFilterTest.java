package org.gags.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The whole level, streamed from random logits, against a plain full-image transcription of every step. */
@Tag("unit")
class LevelFilterTest {
  record Candidate(int prompt, float[] logits, float iou) {}

  /** Logits on a 0.25 grid (so values land exactly on 0 and ±1), around SAM-like shapes, with noise. */
  static List<Candidate> candidates(long seed, int n, int w, int h) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<MaskRecord> shapes = seed % 2 == 0 ? SyntheticMasks.samLike(seed, n, w, h) : SyntheticMasks.shapes(seed, n, w, h);
    List<Candidate> out = new ArrayList<>();
    for (MaskRecord s : shapes) {
      double margin = 0.25 + 3 * rnd.nextDouble();
      double noise = rnd.nextDouble() < 0.5 ? 0.25 : 1.5 * rnd.nextDouble();
      float[] logits = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double v = (s.mask().get(x, y) ? margin : -margin) + (rnd.nextDouble() * 2 - 1) * noise;
          logits[y * w + x] = (float) (Math.round(v * 4) / 4.0);
        }
      }
      float iou = rnd.nextDouble() < 0.1 ? 0.7f : (float) ((80 + rnd.nextInt(49)) / 128.0);
      out.add(new Candidate(out.size(), logits, iou));
    }
    return out;
  }

  /** Every step from the Python, on boolean arrays over the whole image. */
  static List<Object[]> naiveLevel(List<Candidate> cands, int w, int h, SegmentFilterConfig cfg, int[] mapOut) {
    List<Object[]> recs = new ArrayList<>(); // {prompt, boolean[] mask, iou, stability}
    for (Candidate c : cands) {
      if (!(c.iou() > (float) cfg.predIouThresh())) {
        continue;
      }
      int hi = 0;
      int lo = 0;
      for (float v : c.logits()) {
        hi += v > 1f ? 1 : 0;
        lo += v > -1f ? 1 : 0;
      }
      float stability = (float) hi / (float) lo;
      if (!(stability >= (float) cfg.stabilityThresh())) {
        continue;
      }
      boolean[] m = new boolean[w * h];
      for (int p = 0; p < m.length; p++) {
        m[p] = c.logits()[p] > 0f;
      }
      recs.add(new Object[] {c.prompt(), m, c.iou(), stability});
    }
    recs = boxNms(recs, w, h, r -> (Float) r[2], cfg.boxNmsThresh());
    if (cfg.minRegionArea() > 0) {
      boolean[] changed = new boolean[1];
      List<Object[]> cleaned = new ArrayList<>();
      for (Object[] r : recs) {
        boolean[] m = Naive.removeSmallRegions((boolean[]) r[1], w, h, cfg.minRegionArea(), true, changed);
        boolean unchanged = !changed[0];
        m = Naive.removeSmallRegions(m, w, h, cfg.minRegionArea(), false, changed);
        unchanged &= !changed[0];
        cleaned.add(new Object[] {r[0], m, r[2], r[3], unchanged ? 1f : 0f});
      }
      recs = boxNms(cleaned, w, h, r -> (Float) r[4], cfg.boxNmsThresh());
    }
    List<MaskRecord> forNms = new ArrayList<>();
    for (Object[] r : recs) {
      forNms.add(new MaskRecord((Integer) r[0], BitMask.fromPixels((boolean[]) r[1], w, h), (Float) r[2], (Float) r[3]));
    }
    List<Object[]> kept = new ArrayList<>();
    for (int k : MaskNmsReference.select(forNms, cfg)) {
      kept.add(recs.get(k));
    }
    Arrays.fill(mapOut, -1);
    for (int s = 0; s < kept.size(); s++) {
      boolean[] m = (boolean[]) kept.get(s)[1];
      for (int p = 0; p < m.length; p++) {
        if (m[p]) {
          mapOut[p] = s;
        }
      }
    }
    return kept;
  }

  interface Score {
    float of(Object[] r);
  }

  static List<Object[]> boxNms(List<Object[]> recs, int w, int h, Score score, double thr) {
    List<MaskBox> boxes = new ArrayList<>();
    float[] scores = new float[recs.size()];
    for (int i = 0; i < recs.size(); i++) {
      boxes.add(Naive.box((boolean[]) recs.get(i)[1], w, h));
      scores[i] = score.of(recs.get(i));
    }
    List<Object[]> out = new ArrayList<>();
    for (int k : Naive.boxNms(boxes, scores, thr)) {
      out.add(recs.get(k));
    }
    return out;
  }

  @Test
  void streamedLevelsEqualTheTranscriptionOfEveryStep() {
    int[][] sizes = {{64, 48}, {96, 72}, {160, 120}};
    SegmentFilterConfig[] configs = {SegmentFilterConfig.DEFAULT, SegmentFilterConfig.DEFAULT.withMinRegionArea(20),
        SegmentFilterConfig.DEFAULT.withMinRegionArea(0)};
    int levels = 0;
    int keptTotal = 0;
    for (int s = 0; s < sizes.length; s++) {
      for (int t = 0; t < 4; t++) {
        int w = sizes[s][0];
        int h = sizes[s][1];
        long seed = 77L * s + t;
        SegmentFilterConfig cfg = configs[(s + t) % configs.length];
        List<Candidate> cands = candidates(seed, 10 + 15 * t, w, h);
        LevelFilter level = new LevelFilter(w, h, cfg, 2);
        for (Candidate c : cands) {
          level.offer(c.prompt(), c.logits(), c.iou());
        }
        LevelResult r = level.finish();
        int[] map = new int[w * h];
        List<Object[]> expected = naiveLevel(cands, w, h, cfg, map);
        String what = w + "x" + h + " seed " + seed;
        assertEquals(cands.size(), r.offered());
        assertEquals(expected.size(), r.kept().size(), what);
        for (int k = 0; k < expected.size(); k++) {
          MaskRecord got = r.kept().get(k);
          assertEquals((int) (Integer) expected.get(k)[0], got.promptIndex(), what);
          assertEquals(BitMask.fromPixels((boolean[]) expected.get(k)[1], w, h), got.mask(), what);
          assertEquals((Float) expected.get(k)[2], got.predictedIou());
          assertEquals((Float) expected.get(k)[3], got.stability());
        }
        assertArrayEquals(map, r.segmentMap().toArray(), what);
        assertTrue(r.accepted().size() >= r.afterBoxNms().size() && r.afterBoxNms().size() >= r.afterCleanup().size()
            && r.afterCleanup().size() >= r.kept().size());
        levels++;
        keptTotal += r.kept().size();
      }
    }
    assertTrue(keptTotal > levels, "the cases keep masks: " + keptTotal + " over " + levels + " levels");
  }

  @Test
  void streamingCountsAndMisuseAreReported() {
    LevelFilter level = new LevelFilter(4, 2, SegmentFilterConfig.DEFAULT, 1);
    float[] stable = {3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f};
    float[] flat = new float[8];
    assertTrue(level.offer(0, stable, 0.9f));
    assertEquals(false, level.offer(1, flat, 0.9f)); // 0/0 stability
    assertEquals(false, level.offer(2, stable, 0.5f));
    assertEquals(3, level.offered());
    assertEquals(1, level.acceptedCount());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> level.offer(3, new float[6], 0.9f));
    assertEquals("mask logits of prompt 3 must hold 4*2 = 8 values (row-major), found 6", e.getMessage());
    LevelResult r = level.finish();
    // An 8-pixel mask covering the whole 4x2 image: no holes, one island below 100 (kept as the largest).
    assertEquals(1, r.kept().size());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0}, r.segmentMap().toArray());
    assertThrows(IllegalStateException.class, level::finish);
    assertThrows(IllegalStateException.class, () -> level.offer(4, stable, 0.9f));
  }
}
