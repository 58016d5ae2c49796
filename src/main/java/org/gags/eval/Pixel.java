package org.gags.eval;

/** A pixel position: {@code x} the column, {@code y} the row. */
public record Pixel(int x, int y) {}
