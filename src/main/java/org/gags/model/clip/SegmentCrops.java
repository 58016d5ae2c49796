package org.gags.model.clip;

import org.gags.embed.ClipCrop;
import org.gags.scene.RgbImage;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;

/**
 * A batch of segment crops on their way into CLIP's image tower: each kept mask is decoded from
 * its run-length form, cut out of the view's photo by the crop rule of METHOD 2.5
 * ({@link ClipCrop}), normalised with the spec's mean and std into the batch buffer, and the batch
 * is embedded in one call.
 */
public final class SegmentCrops {
  private final ClipSession session;
  private final float[] buffer;
  /** normalised[c][v]: channel c's value for byte v, with the spec's mean and std. */
  private final float[][] normalised = new float[3][256];
  private int size;
  private RgbImage lastImage;
  private ClipCrop.Image packed;

  public SegmentCrops(ClipSession session, int batch) {
    if (session.spec().inputSize() != ClipCrop.SIZE) {
      throw new IllegalArgumentException("model.clip.input_size: expected " + ClipCrop.SIZE
          + " (the crop rule's size), found " + session.spec().inputSize());
    }
    this.session = session;
    this.buffer = new float[batch * ClipCrop.FLOATS];
    ClipSpec spec = session.spec();
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        normalised[c][v] = (v / 255f - spec.mean()[c]) / spec.std()[c];
      }
    }
  }

  public int size() {
    return size;
  }

  /** Adds the crop of one segment (box inclusive, as in the segments table). */
  public void add(RgbImage image, int x0, int y0, int x1, int y1, byte[] rle) {
    if (image != lastImage) {
      packed = ClipCrop.Image.of(image);
      lastImage = image;
    }
    BitMask mask = MaskRle.decode(rle, image.width(), image.height());
    byte[] hwc = ClipCrop.pixels(packed, mask::get, new ClipCrop.Box(x0, y0, x1, y1));
    int plane = ClipCrop.SIZE * ClipCrop.SIZE;
    int base = size * ClipCrop.FLOATS;
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        buffer[base + c * plane + p] = normalised[c][hwc[3 * p + c] & 0xff];
      }
    }
    size++;
  }

  /** Embeds the batch (unit length) and empties it. */
  public float[][] embed() {
    float[][] e = session.embedImages(buffer, size);
    size = 0;
    return e;
  }
}
