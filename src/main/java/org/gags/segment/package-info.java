/**
 * SAM mask post-processing per granularity level (METHOD.md section 2.4), plain Java on arrays
 * and records, exact to the reference: SAM's automatic mask generator as LangSplat modified it
 * (each of the s, m, l levels filtered on its own) followed by LangSplat's {@code mask_nms}, as
 * GAGS's code runs them. {@link org.gags.segment.LevelFilter} is the entry point; it composes
 * {@link org.gags.segment.CandidateFilter} (predicted IoU, stability, binarisation, one candidate
 * at a time so logit maps are never held), {@link org.gags.segment.BoxNms}, {@link
 * org.gags.segment.SmallRegions} (holes and islands, box NMS again), {@link
 * org.gags.segment.MaskNms} (the box-pruned, bit-counting mask NMS; {@link
 * org.gags.segment.MaskNmsReference} is its literal all-pairs twin) and {@link
 * org.gags.segment.SegmentMap}. Masks are {@link org.gags.segment.BitMask}s, packed bits stored
 * over their boxes; {@link org.gags.segment.SegmentFilterConfig} holds the thresholds.
 *
 * <p>{@link org.gags.segment.MaskRle} encodes a mask for a Parquet binary column: run lengths in
 * row-major pixel order, alternating and starting with a (possibly empty) run of 0s, each count an
 * unsigned LEB128 varint. An analyst decodes it with numpy:
 *
 * <pre>{@code
 * def decode(buf, h, w):
 *     counts, v, s = [], 0, 0
 *     for b in buf:
 *         v |= (b & 0x7F) << s; s += 7
 *         if b < 0x80: counts.append(v); v = s = 0
 *     return np.repeat(np.arange(len(counts)) % 2, counts).astype(bool).reshape(h, w)
 * }</pre>
 *
 * <p>{@link org.gags.segment.SyntheticMasks} makes SAM-like mask sets for tests and benchmarks.
 * Nothing here depends on Spark or on a model runtime.
 */
package org.gags.segment;
