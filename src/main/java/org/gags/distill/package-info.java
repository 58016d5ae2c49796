/**
 * The training core of granularity-aware distillation (METHOD.md section 3), without Spark: with
 * geometry frozen a view's rendered feature map is F = W·f for the view's fixed contributor lists,
 * and this package trains the per-Gaussian 16-d features f and the two decoders on that.
 * <ul>
 *   <li>Engine-free, double precision, for clarity: {@link org.gags.distill.DistillConfig} (modes,
 *       switches, the published preset), {@link org.gags.distill.TrainingResolution} (the reference's
 *       {@code -r 2} size and nearest resize), {@link org.gags.distill.EpochViewSampler},
 *       {@link org.gags.distill.RegionMap}, {@link org.gags.distill.DistillLossReference} (the whole
 *       loss, the twin), {@link org.gags.distill.TorchAdam}, {@link org.gags.distill.ClipTables}
 *       (a view's per-level CLIP tables from embedding rows) and {@link
 *       org.gags.distill.HeldOutQuality} (cosine of a decoded held-out view to its targets).
 *   <li>DJL's PyTorch engine (named explicitly, ONNX Runtime is also present):
 *       {@link org.gags.distill.Trainer} composes sample → forward → backward → torch-exact Adam per
 *       iteration in one NDScope, and checkpoints everything a resume needs; its backward runs in
 *       chunks of pixels ({@code ChunkedStep}: decoders and loss per chunk, the small whole-view
 *       graph once, the sparse backward once per view with COO), equal to one backward through the whole graph
 *       ({@code EngineLoss}, the reference, chunk size 0) up to float rounding, with its phases
 *       timed inside the step ({@link org.gags.distill.StepPhases});
 *       {@link org.gags.distill.SparseRenderer} renders W·f by COO matrix product (default, faster)
 *       or padded gather; each view is uploaded once ({@code DeviceView}) and the contributor
 *       lists are not kept in the JVM heap. {@link org.gags.distill.FieldDecoder} decodes rendered
 *       maps with a trained decoder (queries, evaluation).
 * </ul>
 * Inputs are per-view {@link org.gags.distill.DistillView}s at training resolution; the Spark stages
 * that build them and run the trainer live elsewhere.
 */
package org.gags.distill;
