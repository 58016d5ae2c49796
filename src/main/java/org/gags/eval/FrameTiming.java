package org.gags.eval;

/**
 * How long one frame's queries took, in milliseconds: rendering the feature map, decoding it to
 * unit features, and scoring every query ({@link QueryScorer.Result#scoreMillis}).
 */
public record FrameTiming(String scene, String frame, double renderMs, double decodeMs, double scoreMs) {
  public FrameTiming {
    for (double v : new double[] {renderMs, decodeMs, scoreMs}) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(scene + " / " + frame + ": expected finite times >= 0 ms, found " + v);
      }
    }
  }
}
