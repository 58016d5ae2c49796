package org.gags.eval;

/**
 * One frame's decoded feature map: {@code width × height} pixels of {@code dim} floats, row-major
 * ({@code features[(y * width + x) * dim + k]}), the decoder's unit vectors φ(p). The array is the
 * caller's and is not copied (a full-resolution map of 512-d features is hundreds of megabytes).
 */
public record DecodedMap(float[] features, int width, int height, int dim) {
  public DecodedMap {
    if (width <= 0 || height <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "decoded map: expected width, height and dim > 0, found " + width + ", " + height + ", " + dim);
    }
    if ((long) width * height * dim != features.length) {
      throw new IllegalArgumentException("decoded map: expected " + width + " x " + height + " x " + dim + " = "
          + (long) width * height * dim + " floats, found " + features.length);
    }
  }

  public int pixels() {
    return width * height;
  }
}
