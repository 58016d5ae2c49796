package org.gags.distill;

/**
 * The loss of one iteration, term by term (unweighted), and the weighted total that is minimised.
 *
 * @param distill L_RAD (or the plain pixel mean when region-aware averaging is off)
 * @param entropy L_ent, mean of −w·log(w + 1e-6)
 * @param consistency L_cons (computed every iteration; weighted in only from lateStart)
 * @param total distill + entropyWeight·entropy + consistencyWeight·consistency
 */
public record LossTerms(double distill, double entropy, double consistency, double total) {}
