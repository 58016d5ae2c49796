package org.gags.distill;

import org.gags.render.Contributors;

/**
 * One view's training inputs, all at training resolution: the contributor lists (W of F = W·f),
 * the segment id of every pixel at the three levels s, m, l (each level's own ids, −1 = no mask),
 * and each level's CLIP feature table.
 *
 * @param name the view's image name (for messages)
 * @param contributors the per-pixel (Gaussian, weight) lists, CSR
 * @param segments three row-major id maps (s, m, l), width·height ids each
 * @param clip three row-major tables (s, m, l), K_x × clipDim floats each
 * @param clipDim CLIP feature size
 */
public record DistillView(String name, Contributors contributors, int[][] segments, float[][] clip, int clipDim) {

  public DistillView {
    int pixels = contributors.width() * contributors.height();
    if (segments == null || segments.length != 3 || clip == null || clip.length != 3) {
      throw new IllegalArgumentException("view " + name + ": expected segment maps and CLIP tables for 3 levels (s, m, l)");
    }
    if (clipDim <= 0) {
      throw new IllegalArgumentException("view " + name + ": clipDim must be positive, found " + clipDim);
    }
    for (int l = 0; l < 3; l++) {
      if (segments[l].length != pixels) {
        throw new IllegalArgumentException("view " + name + ": level " + l + " segment map holds " + segments[l].length
            + " ids, expected " + pixels + " (" + contributors.width() + "x" + contributors.height() + ")");
      }
      if (clip[l].length % clipDim != 0) {
        throw new IllegalArgumentException("view " + name + ": level " + l + " CLIP table holds " + clip[l].length
            + " floats, not a multiple of " + clipDim);
      }
      int k = clip[l].length / clipDim;
      for (int id : segments[l]) {
        if (id < -1 || id >= k) {
          throw new IllegalArgumentException(
              "view " + name + ": level " + l + " segment id " + id + " outside -1.." + (k - 1));
        }
      }
    }
  }

  public int width() {
    return contributors.width();
  }

  public int height() {
    return contributors.height();
  }

  public int pixels() {
    return width() * height();
  }

  /** Segments at level l (rows of its CLIP table). */
  public int segmentCount(int level) {
    return clip[level].length / clipDim;
  }

  /** Offsets that make region ids distinct across levels: 0, K_s, K_s + K_m (the reference's layout). */
  public int[] levelOffsets() {
    return new int[] {0, segmentCount(0), segmentCount(0) + segmentCount(1)};
  }

  /** Covered at all three levels. */
  public boolean valid(int pixel) {
    return segments[0][pixel] >= 0 && segments[1][pixel] >= 0 && segments[2][pixel] >= 0;
  }
}
