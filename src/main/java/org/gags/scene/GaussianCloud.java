package org.gags.scene;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained 3D Gaussian Splatting scene as struct-of-arrays, holding the values exactly as the
 * INRIA / gsplat PLY stores them: log scales, opacity logits, unnormalised w,x,y,z quaternions and
 * SH coefficients ({@code f_dc}, and {@code f_rest} channel-major: all R coefficients of a Gaussian,
 * then G, then B). Activation (exp, sigmoid, normalisation) happens at use.
 *
 * <p>Arrays are shared, not copied: the cloud is a view over arrays its builder owns.
 */
public final class GaussianCloud {
  private final int count;
  private final int shDegree;
  private final float[] positions;
  private final float[] normals;
  private final float[] shDc;
  private final float[] shRest;
  private final float[] opacityLogits;
  private final float[] logScales;
  private final float[] rotations;
  private final Map<String, float[]> extras;

  /**
   * @param positions 3·n, x y z
   * @param normals 3·n or null when the PLY has none
   * @param shDc 3·n, f_dc_0..2
   * @param shRest n·3·((d+1)²−1), per Gaussian channel-major (empty when d = 0)
   * @param opacityLogits n
   * @param logScales 3·n
   * @param rotations 4·n, w x y z
   * @param extras other per-Gaussian properties by PLY name (for example semantic_0..15), each n
   */
  public GaussianCloud(
      int count,
      int shDegree,
      float[] positions,
      float[] normals,
      float[] shDc,
      float[] shRest,
      float[] opacityLogits,
      float[] logScales,
      float[] rotations,
      Map<String, float[]> extras) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, found " + count);
    }
    if (shDegree < 0 || shDegree > 3) {
      throw new IllegalArgumentException("SH degree must be 0..3, found " + shDegree);
    }
    requireLength("positions", positions, 3L * count);
    if (normals != null) {
      requireLength("normals", normals, 3L * count);
    }
    requireLength("shDc", shDc, 3L * count);
    requireLength("shRest", shRest, (long) count * 3 * restPerChannel(shDegree));
    requireLength("opacityLogits", opacityLogits, count);
    requireLength("logScales", logScales, 3L * count);
    requireLength("rotations", rotations, 4L * count);
    LinkedHashMap<String, float[]> copy = new LinkedHashMap<>();
    if (extras != null) {
      for (Map.Entry<String, float[]> e : extras.entrySet()) {
        requireLength("extra property " + e.getKey(), e.getValue(), count);
        copy.put(e.getKey(), e.getValue());
      }
    }
    this.count = count;
    this.shDegree = shDegree;
    this.positions = positions;
    this.normals = normals;
    this.shDc = shDc;
    this.shRest = shRest;
    this.opacityLogits = opacityLogits;
    this.logScales = logScales;
    this.rotations = rotations;
    this.extras = Collections.unmodifiableMap(copy);
  }

  /** Number of SH coefficients per colour channel beyond the DC term: (d+1)² − 1. */
  public static int restPerChannel(int shDegree) {
    return (shDegree + 1) * (shDegree + 1) - 1;
  }

  private static void requireLength(String name, float[] a, long expected) {
    if (a == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (a.length != expected) {
      throw new IllegalArgumentException(
          name + " must hold " + expected + " values, found " + a.length);
    }
  }

  public int count() {
    return count;
  }

  public int shDegree() {
    return shDegree;
  }

  public float[] positions() {
    return positions;
  }

  /** Normals, or null when the source had none. */
  public float[] normals() {
    return normals;
  }

  public float[] shDc() {
    return shDc;
  }

  public float[] shRest() {
    return shRest;
  }

  public float[] opacityLogits() {
    return opacityLogits;
  }

  public float[] logScales() {
    return logScales;
  }

  public float[] rotations() {
    return rotations;
  }

  /** Extra per-Gaussian properties in file order, by PLY property name. */
  public Map<String, float[]> extras() {
    return extras;
  }

  /** The same Gaussians with {@code extras} replaced (used to export a trained field). */
  public GaussianCloud withExtras(Map<String, float[]> newExtras) {
    return new GaussianCloud(
        count, shDegree, positions, normals, shDc, shRest, opacityLogits, logScales, rotations,
        newExtras);
  }
}
