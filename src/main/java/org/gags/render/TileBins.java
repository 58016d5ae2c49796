package org.gags.render;

/**
 * Output of {@link TileBinning}: the visible Gaussians in global depth order and, per tile, the
 * positions (into that order) of the Gaussians whose tile rectangle covers it, front to back.
 *
 * @param sortedGaussians Gaussian index at each depth-order position
 * @param tileStart CSR offsets into {@code entries}, length tilesX·tilesY + 1
 * @param entries depth-order positions, grouped by tile (row-major tiles), ascending within a tile
 */
public record TileBins(
    int tileSize, int tilesX, int tilesY, int[] sortedGaussians, int[] tileStart, int[] entries) {

  public int tileCount() {
    return tilesX * tilesY;
  }

  /** Total tile–Gaussian intersections. */
  public int intersections() {
    return entries.length;
  }
}
