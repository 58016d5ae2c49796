/**
 * CLIP on ONNX (METHOD 2.5): the spec of a tower pair ({@link org.gags.model.clip.ClipSpec}), a
 * task's session that embeds batches of crops or texts and L2-normalises them
 * ({@link org.gags.model.clip.ClipSession}), the batching of segment crops
 * ({@link org.gags.model.clip.SegmentCrops}), and the text side of evaluation queries: categories
 * and canonical phrases embedded once per run ({@link org.gags.model.clip.TextQueries}).
 */
package org.gags.model.clip;
