package org.gags.distill;

import java.util.Locale;

/**
 * What one iteration reports, for progress lines.
 *
 * @param iteration 1-based iteration
 * @param view index of the view it trained on
 * @param terms the loss terms
 * @param iterationsPerSecond over the iterations run so far in this process
 * @param etaSeconds remaining iterations at that rate
 */
public record IterationReport(int iteration, int view, LossTerms terms, double iterationsPerSecond, double etaSeconds) {

  public String line(int iterations) {
    return String.format(Locale.ROOT,
        "iteration %d/%d view %d loss %.6f distill %.6f entropy %.6f consistency %.6f %.2f it/s ETA %s",
        iteration, iterations, view, terms.total(), terms.distill(), terms.entropy(), terms.consistency(),
        iterationsPerSecond, eta(etaSeconds));
  }

  private static String eta(double s) {
    if (!Double.isFinite(s)) {
      return "?";
    }
    long t = Math.round(s);
    return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
  }
}
