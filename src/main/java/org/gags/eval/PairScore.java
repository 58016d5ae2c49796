package org.gags.eval;

/** One scored (frame, category): the frame as its label image stem ({@code frame_00066}). */
public record PairScore(String frame, String category, boolean hit, double iou) {}
