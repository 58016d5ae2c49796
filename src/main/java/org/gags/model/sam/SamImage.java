package org.gags.model.sam;

import org.gags.scene.RgbImage;

/**
 * SAM's image preprocessing (METHOD 2.4): resize so the longest side is 1024 (the other side
 * {@code int(side * 1024 / longest + 0.5)}), normalise each channel with mean (123.675, 116.28,
 * 103.53) and std (58.395, 57.12, 57.375) on 0..255 values, zero-pad bottom and right to 1024×1024.
 *
 * @param chw the encoder input, [3, size, size] row-major
 * @param resizedWidth width of the image inside the padded square
 * @param resizedHeight height of the image inside the padded square
 */
public record SamImage(float[] chw, int size, int resizedWidth, int resizedHeight, int width, int height) {
  public static final int SIZE = 1024;
  static final float[] MEAN = {123.675f, 116.28f, 103.53f};
  static final float[] STD = {58.395f, 57.12f, 57.375f};

  /** SAM's {@code ResizeLongestSide.get_preprocess_shape}: {height, width} inside the square. */
  public static int[] resizedShape(int height, int width, int target) {
    double scale = target * 1.0 / Math.max(height, width);
    return new int[] {(int) (height * scale + 0.5), (int) (width * scale + 0.5)};
  }

  public static SamImage of(RgbImage image) {
    int[] hw = resizedShape(image.height(), image.width(), SIZE);
    RgbImage resized = PilResize.resize(image, hw[1], hw[0]);
    float[] chw = new float[3 * SIZE * SIZE];
    byte[] px = resized.rgb();
    for (int c = 0; c < 3; c++) {
      int plane = c * SIZE * SIZE;
      float mean = MEAN[c];
      float std = STD[c];
      for (int y = 0; y < hw[0]; y++) {
        for (int x = 0; x < hw[1]; x++) {
          chw[plane + y * SIZE + x] = ((px[3 * (y * hw[1] + x) + c] & 0xff) - mean) / std;
        }
      }
    }
    return new SamImage(chw, SIZE, hw[1], hw[0], image.width(), image.height());
  }

  /** Scale from image pixels to the 1024 frame (SAM's {@code apply_coords}: the rounded size ratio per axis). */
  public float[] toModelFrame(double x, double y) {
    return new float[] {(float) (x * ((double) resizedWidth / width)), (float) (y * ((double) resizedHeight / height))};
  }
}
