/**
 * SAM on ONNX (METHOD 2.4): Pillow-exact resize and normalisation of the photo
 * ({@link org.gags.model.sam.SamImage}), the decoder edited so its outputs are the four mask-token
 * logits and IoUs and its point inputs take batches ({@link org.gags.model.sam.DecoderOutputs}),
 * SAM's postprocessing as one separable upsampling ({@link org.gags.model.sam.MaskUpsampler}, with
 * the literal two-stage twin), and one view's segmentation into the three filtered levels
 * ({@link org.gags.model.sam.ViewSegmenter}).
 */
package org.gags.model.sam;
