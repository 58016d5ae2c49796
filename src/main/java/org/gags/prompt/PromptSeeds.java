package org.gags.prompt;

import java.nio.charset.StandardCharsets;

/**
 * Per-view seeds for prompt placement, so that a view's prompts depend only on (seed, scene, view)
 * and not on which task or machine samples it, nor on the order views are processed.
 *
 * <p>The mix, fixed here so any JVM gives the same value: h = FNV-1a 64 of the scene id's UTF-8
 * bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3); then, with m the 64-bit finaliser
 * of {@link java.util.SplittableRandom} (Stafford's variant 13: z ^= z >>> 30, z *= 0xbf58476d1ce4e5b9,
 * z ^= z >>> 27, z *= 0x94d049bb133111eb, z ^= z >>> 31) and γ = 0x9e3779b97f4a7c15,
 * {@code forView = m(m(m(seed + γ) ^ h) + γ · (viewIndex + 1))}. The result seeds a {@code
 * SplittableRandom}, whose sequence for a given seed is the same on every JVM.
 *
 * <p>The reference seeds one global NumPy generator per run, so its prompts depend on the order
 * images are processed; this is the deliberate difference.
 */
public final class PromptSeeds {
  private static final long GAMMA = 0x9e3779b97f4a7c15L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private PromptSeeds() {}

  /** The seed of view {@code viewIndex} of scene {@code sceneId} under base seed {@code seed}. */
  public static long forView(long seed, String sceneId, int viewIndex) {
    if (sceneId == null) {
      throw new IllegalArgumentException("scene id must be given");
    }
    if (viewIndex < 0) {
      throw new IllegalArgumentException("view index must be >= 0, found " + viewIndex);
    }
    long s = mix64(seed + GAMMA);
    s = mix64(s ^ fnv1a64(sceneId));
    return mix64(s + GAMMA * (viewIndex + 1L));
  }

  /** FNV-1a, 64 bits, of the UTF-8 bytes of {@code text}. */
  static long fnv1a64(String text) {
    long h = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  /** SplittableRandom's finaliser (Stafford variant 13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
