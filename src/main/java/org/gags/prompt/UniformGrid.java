package org.gags.prompt;

/**
 * LangSplat's baseline prompts: SAM's {@code build_point_grid(g)} scaled to the image, g² points at
 * x = (i + 0.5)/g·W, y = (j + 0.5)/g·H, row-major (j outer, i inner), the same for every view.
 */
public final class UniformGrid {
  private UniformGrid() {}

  public static Prompts points(int width, int height, int perSide) {
    if (width <= 0 || height <= 0 || perSide < 1) {
      throw new IllegalArgumentException("need a positive image size and grid, found " + width + "x" + height + ", grid " + perSide);
    }
    float[] xs = new float[perSide * perSide];
    float[] ys = new float[perSide * perSide];
    for (int j = 0; j < perSide; j++) {
      for (int i = 0; i < perSide; i++) {
        xs[j * perSide + i] = (float) ((i + 0.5) / perSide * width);
        ys[j * perSide + i] = (float) ((j + 0.5) / perSide * height);
      }
    }
    return new Prompts(xs, ys, new int[0], new int[0]);
  }
}
