package org.gags.render;

/** How far a truncated rendering is from the exact one: ||approx − exact|| / ||exact|| over all values. */
public final class ContributorErrors {
  private ContributorErrors() {}

  public static double relative(float[] exact, float[] approx) {
    if (exact.length != approx.length) {
      throw new IllegalArgumentException("maps differ in size: " + exact.length + " and " + approx.length);
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < exact.length; i++) {
      double d = (double) approx[i] - exact[i];
      num += d * d;
      den += (double) exact[i] * exact[i];
    }
    return den == 0 ? (num == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(num / den);
  }
}
