package org.gags.model.testclip;

import org.gags.embed.ClipCrop;
import org.gags.model.onnx.OnnxModelBuilder;

/**
 * The test CLIP model's image tower: an appearance descriptor of a masked crop, written as an ONNX
 * graph ({@link #onnx}) and as a plain-Java twin ({@link #embed}) that computes the same function in
 * float arithmetic (the twin factors the Gaussian of step 4 per channel instead of expanding it; the
 * two agree within 1e-4, {@code TestClipModelTest}).
 *
 * <p>Input: {@code image} float [B, 3, 224, 224], pixels normalised with CLIP's mean and std (as
 * {@link ClipCrop} makes them). Output: {@code embedding} float [B, 512], not L2-normalised. Steps:
 *
 * <ol>
 *   <li>undo the normalisation: rgb = x · std + mean (0..1);
 *   <li>inside-ness of each pixel, ins = clip((max(r, g, b) − 0.01) · 50, 0, 1): crops are black
 *       outside their mask, so black counts as outside and anything brighter than 0.03 as inside;
 *   <li>4×4 average pooling of rgb · ins and of ins (56×56 blocks); a block's colour is the mean
 *       colour of its inside pixels, c = Σ(rgb · ins) / max(Σ ins, 1e-6), its weight w = mean ins;
 *   <li>soft colour histogram over {@link #COLOURS} prototype colours p_k on an 8×8×7 RGB grid:
 *       s_k = exp(−|c − p_k|² / T) with T = {@link #TEMPERATURE}, computed as a 1×1 convolution
 *       (2 p_k·c − |p_k|²) / T minus |c|² / T; h_k = mean(w · s_k) / max(mean(w), 1e-6);
 *   <li>silhouette: ins averaged over an 8×8 grid of 28×28 cells ({@link #SHAPE} values);
 *   <li>each part is L2-normalised (with a 1e-12 floor on the norm) and weighted, so that the
 *       cosine of two embeddings is {@link #COLOUR_WEIGHT} × colour cosine + {@link #SHAPE_WEIGHT}
 *       × silhouette cosine before centring; the concatenation minus a centre μ (the mean of these
 *       features over the model's reference drawings, {@link Appearances}, so that unrelated crops
 *       get cosines near zero or below), times {@link #SCALE}, is the embedding.
 * </ol>
 *
 * An all-black crop (an empty mask) embeds to −μ · SCALE.
 */
public final class ImageTower {
  public static final int SIZE = ClipCrop.SIZE;
  public static final int DIM = 512;
  /** Colour prototypes: an 8 (red) × 8 (green) × 7 (blue) grid over the RGB cube. */
  public static final int COLOURS = 448;
  static final int LEVELS_R = 8;
  static final int LEVELS_G = 8;
  static final int LEVELS_B = 7;
  /** Silhouette cells: 8×8. */
  public static final int SHAPE = 64;
  public static final int BLOCK = 4;
  public static final int CELL = 28;
  public static final float TEMPERATURE = 0.02f;
  public static final float INSIDE_FROM = 0.01f;
  public static final float INSIDE_SLOPE = 50f;
  /** Squared weights of the two parts: their cosines mix in this ratio. */
  public static final float COLOUR_WEIGHT = 0.7f;
  public static final float SHAPE_WEIGHT = 0.3f;
  /** Output scale, so that embeddings are clearly not unit vectors (callers must normalise). */
  public static final float SCALE = 10f;

  private static final float EPS = 1e-6f;
  private static final float NORM_EPS = 1e-12f;
  private static final int BLOCKS = SIZE / BLOCK;

  private final float[] centre;
  private final float[] protoWeights;
  private final float[] protoBias;

  private ImageTower(float[] centre) {
    if (centre.length != DIM) {
      throw new IllegalArgumentException("centre must have " + DIM + " values, found " + centre.length);
    }
    this.centre = centre.clone();
    float[][] p = prototypes();
    protoWeights = new float[COLOURS * 3];
    protoBias = new float[COLOURS];
    for (int k = 0; k < COLOURS; k++) {
      float sq = 0;
      for (int c = 0; c < 3; c++) {
        protoWeights[3 * k + c] = 2 * p[k][c] / TEMPERATURE;
        sq += p[k][c] * p[k][c];
      }
      protoBias[k] = -sq / TEMPERATURE;
    }
  }

  /** The tower before centring (μ = 0), used to find the centre. */
  static ImageTower uncentred() {
    return new ImageTower(new float[DIM]);
  }

  /** The tower with centre μ (in the unscaled concatenated space). */
  static ImageTower centred(float[] centre) {
    return new ImageTower(centre);
  }

  /** Prototype colours, red slowest: p = (i / 7, j / 7, k / 6). */
  static float[][] prototypes() {
    float[][] p = new float[COLOURS][];
    int n = 0;
    for (int i = 0; i < LEVELS_R; i++) {
      for (int j = 0; j < LEVELS_G; j++) {
        for (int k = 0; k < LEVELS_B; k++) {
          p[n++] = new float[] {i / (float) (LEVELS_R - 1), j / (float) (LEVELS_G - 1), k / (float) (LEVELS_B - 1)};
        }
      }
    }
    return p;
  }

  /**
   * The Java twin: the embeddings of {@code batch} crops stored one after another in {@code images}
   * (3×224×224 normalised floats each, as {@link ClipCrop#cropInto} writes them).
   */
  public float[][] embed(float[] images, int batch) {
    if (images.length < (long) batch * ClipCrop.FLOATS) {
      throw new IllegalArgumentException("images must hold " + batch + " crops of " + ClipCrop.FLOATS + " floats, found " + images.length);
    }
    float[][] out = new float[batch][];
    for (int b = 0; b < batch; b++) {
      out[b] = embedOne(images, b * ClipCrop.FLOATS);
    }
    return out;
  }

  /** The uncentred, unscaled features of one crop (colour then silhouette, each part weighted). */
  float[] features(float[] images, int offset) {
    int plane = SIZE * SIZE;
    float[] rgb = new float[3 * plane];
    float[] ins = new float[plane];
    for (int p = 0; p < plane; p++) {
      float m = 0;
      for (int c = 0; c < 3; c++) {
        float v = images[offset + c * plane + p] * ClipCrop.STD[c] + ClipCrop.MEAN[c];
        rgb[c * plane + p] = v;
        m = c == 0 ? v : Math.max(m, v);
      }
      ins[p] = Math.min(1f, Math.max(0f, (m - INSIDE_FROM) * INSIDE_SLOPE));
    }
    // Blocks: mean colour of the inside pixels and the inside share.
    int nb = BLOCKS * BLOCKS;
    float[] col = new float[3 * nb];
    float[] w = new float[nb];
    for (int by = 0; by < BLOCKS; by++) {
      for (int bx = 0; bx < BLOCKS; bx++) {
        float sw = 0;
        float[] sc = new float[3];
        for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
          for (int x = bx * BLOCK; x < (bx + 1) * BLOCK; x++) {
            int p = y * SIZE + x;
            sw += ins[p];
            for (int c = 0; c < 3; c++) {
              sc[c] += rgb[c * plane + p] * ins[p];
            }
          }
        }
        int b = by * BLOCKS + bx;
        float area = BLOCK * BLOCK;
        w[b] = sw / area;
        for (int c = 0; c < 3; c++) {
          col[c * nb + b] = (sc[c] / area) / Math.max(w[b], EPS);
        }
      }
    }
    // Soft colour histogram. The prototypes form a grid, so exp(−|c − p|² / T) factors into one
    // exponential per channel (the ONNX graph expands the same square as 2 p·c − |p|² − |c|²).
    double wsum = 0;
    for (int b = 0; b < nb; b++) {
      wsum += w[b];
    }
    float wmean = (float) (wsum / nb);
    double[] acc = new double[COLOURS];
    float[] er = new float[LEVELS_R];
    float[] eg = new float[LEVELS_G];
    float[] eb = new float[LEVELS_B];
    for (int b = 0; b < nb; b++) {
      if (w[b] == 0f) {
        continue;
      }
      axis(col[b], LEVELS_R, er);
      axis(col[nb + b], LEVELS_G, eg);
      axis(col[2 * nb + b], LEVELS_B, eb);
      int k = 0;
      for (int i = 0; i < LEVELS_R; i++) {
        for (int j = 0; j < LEVELS_G; j++) {
          float rg = w[b] * er[i] * eg[j];
          for (int l = 0; l < LEVELS_B; l++) {
            acc[k++] += rg * eb[l];
          }
        }
      }
    }
    float[] hist = new float[COLOURS];
    for (int k = 0; k < COLOURS; k++) {
      hist[k] = (float) (acc[k] / nb) / Math.max(wmean, EPS);
    }
    // Silhouette.
    float[] shape = new float[SHAPE];
    int cells = SIZE / CELL;
    for (int cy = 0; cy < cells; cy++) {
      for (int cx = 0; cx < cells; cx++) {
        double s = 0;
        for (int y = cy * CELL; y < (cy + 1) * CELL; y++) {
          for (int x = cx * CELL; x < (cx + 1) * CELL; x++) {
            s += ins[y * SIZE + x];
          }
        }
        shape[cy * cells + cx] = (float) (s / (CELL * CELL));
      }
    }
    float[] f = new float[DIM];
    float cw = (float) Math.sqrt(COLOUR_WEIGHT);
    float sw = (float) Math.sqrt(SHAPE_WEIGHT);
    float hn = Math.max(norm(hist), NORM_EPS);
    float sn = Math.max(norm(shape), NORM_EPS);
    for (int k = 0; k < COLOURS; k++) {
      f[k] = hist[k] / hn * cw;
    }
    for (int k = 0; k < SHAPE; k++) {
      f[COLOURS + k] = shape[k] / sn * sw;
    }
    return f;
  }

  private float[] embedOne(float[] images, int offset) {
    float[] f = features(images, offset);
    for (int k = 0; k < DIM; k++) {
      f[k] = (f[k] - centre[k]) * SCALE;
    }
    return f;
  }

  /** exp(−(v − level)² / T) for each of n levels i / (n − 1). */
  private static void axis(float v, int n, float[] out) {
    for (int i = 0; i < n; i++) {
      float d = v - i / (float) (n - 1);
      out[i] = (float) StrictMath.exp(-d * d / TEMPERATURE);
    }
  }

  static float norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return (float) Math.sqrt(s);
  }

  /** The ONNX graph of this tower. */
  byte[] onnx(String docString) {
    OnnxModelBuilder m = new OnnxModelBuilder("gags_test_clip_image")
        .producer(TestClipModel.NAME, TestClipModel.VERSION)
        .docString(docString);
    TestClipModel.metadata(m);
    m.input("image", OnnxModelBuilder.FLOAT, "batch", 3, SIZE, SIZE);
    String std = m.floatInitializer("clip_std", ClipCrop.STD.clone(), 1, 3, 1, 1);
    String mean = m.floatInitializer("clip_mean", ClipCrop.MEAN.clone(), 1, 3, 1, 1);
    String rgb = m.node("Add", m.node("Mul", "image", std).out(), mean).out();
    String max = m.node("ReduceMax", rgb).attr("axes", new long[] {1}).attr("keepdims", 1L).out();
    String from = m.floats("inside_from", INSIDE_FROM);
    String slope = m.floats("inside_slope", INSIDE_SLOPE);
    String zero = m.floatInitializer("zero", new float[] {0f});
    String one = m.floatInitializer("one", new float[] {1f});
    String ins = m.node("Clip", m.node("Mul", m.node("Sub", max, from).out(), slope).out(), zero, one).out();
    long[] block = {BLOCK, BLOCK};
    String sumRgb = m.node("AveragePool", m.node("Mul", rgb, ins).out()).attr("kernel_shape", block).attr("strides", block).out();
    String w = m.node("AveragePool", ins).attr("kernel_shape", block).attr("strides", block).out();
    String eps = m.floats("eps", EPS);
    String col = m.node("Div", sumRgb, m.node("Max", w, eps).out()).out();
    String protoW = m.floatInitializer("prototype_weights", protoWeights.clone(), COLOURS, 3, 1, 1);
    String protoB = m.floatInitializer("prototype_bias", protoBias.clone(), COLOURS);
    String dot = m.node("Conv", col, protoW, protoB).out();
    String invT = m.floats("inverse_temperature", 1f / TEMPERATURE);
    String sq = m.node("Mul", m.node("ReduceSumSquare", col).attr("axes", new long[] {1}).attr("keepdims", 1L).out(), invT).out();
    String sim = m.node("Exp", m.node("Sub", dot, sq).out()).out();
    String num = m.node("GlobalAveragePool", m.node("Mul", sim, w).out()).out();
    String den = m.node("Max", m.node("GlobalAveragePool", w).out(), eps).out();
    String hist = m.node("Flatten", m.node("Div", num, den).out()).attr("axis", 1L).out();
    long[] cell = {CELL, CELL};
    String shape = m.node("Flatten", m.node("AveragePool", ins).attr("kernel_shape", cell).attr("strides", cell).out())
        .attr("axis", 1L).out();
    String normEps = m.floats("norm_eps", NORM_EPS);
    String histN = m.node("Div", hist, m.node("Max", m.node("ReduceL2", hist).attr("axes", new long[] {1}).attr("keepdims", 1L).out(), normEps).out()).out();
    String shapeN = m.node("Div", shape, m.node("Max", m.node("ReduceL2", shape).attr("axes", new long[] {1}).attr("keepdims", 1L).out(), normEps).out()).out();
    String colourPart = m.node("Mul", histN, m.floats("colour_weight", (float) Math.sqrt(COLOUR_WEIGHT))).out();
    String shapePart = m.node("Mul", shapeN, m.floats("shape_weight", (float) Math.sqrt(SHAPE_WEIGHT))).out();
    String feat = m.node("Concat", colourPart, shapePart).attr("axis", 1L).out();
    String centred = m.node("Sub", feat, m.floatInitializer("centre", centre.clone(), 1, DIM)).out();
    m.node("Mul", centred, m.floats("scale", SCALE)).output("embedding");
    m.output("embedding", OnnxModelBuilder.FLOAT, "batch", DIM);
    return m.build();
  }
}
