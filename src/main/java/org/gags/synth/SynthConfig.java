package org.gags.synth;

/**
 * Settings of the sample-scene generator.
 *
 * @param seed drives every random choice; the same seed gives byte-identical files
 * @param views number of photos on the camera path
 * @param width image width in pixels
 * @param height image height in pixels
 * @param fovDegrees horizontal field of view
 * @param labelEvery write a LERF-OVS label file for every k-th view (starting at the first)
 * @param minLabelPixels parts covering fewer pixels than this in a view are not labelled there
 * @param threads render threads (0 = all cores)
 */
public record SynthConfig(
    long seed, int views, int width, int height, double fovDegrees, int labelEvery, int minLabelPixels, int threads) {

  /** The bundled sample scene: 24 views at 480×360, labels on every 3rd view. */
  public static final SynthConfig DEFAULT = new SynthConfig(42, 24, 480, 360, 60, 3, 40, 0);

  public SynthConfig {
    if (views < 2 || views > 10000) {
      throw new IllegalArgumentException("views must be 2..10000, found " + views);
    }
    if (width < 16 || height < 16 || width > 8192 || height > 8192) {
      throw new IllegalArgumentException("image size must be 16..8192 per side, found " + width + "x" + height);
    }
    if (!(fovDegrees > 10 && fovDegrees < 150)) {
      throw new IllegalArgumentException("fovDegrees must be in (10, 150), found " + fovDegrees);
    }
    if (labelEvery < 1) {
      throw new IllegalArgumentException("labelEvery must be >= 1, found " + labelEvery);
    }
    if (minLabelPixels < 1) {
      throw new IllegalArgumentException("minLabelPixels must be >= 1, found " + minLabelPixels);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, found " + threads);
    }
  }

  public SynthConfig withSeed(long s) {
    return new SynthConfig(s, views, width, height, fovDegrees, labelEvery, minLabelPixels, threads);
  }

  public SynthConfig withViews(int n) {
    return new SynthConfig(seed, n, width, height, fovDegrees, labelEvery, minLabelPixels, threads);
  }

  public SynthConfig withThreads(int n) {
    return new SynthConfig(seed, views, width, height, fovDegrees, labelEvery, minLabelPixels, n);
  }

  public SynthConfig withSize(int w, int h) {
    return new SynthConfig(seed, views, w, h, fovDegrees, labelEvery, minLabelPixels, threads);
  }
}
