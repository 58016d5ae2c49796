/**
 * CLIP-side pure functions: the BPE tokenizer ({@link org.gags.embed.ClipTokenizer}) and the crop
 * rule that turns a mask of a view into CLIP's normalised 224×224 input
 * ({@link org.gags.embed.ClipCrop}, with its slow twin {@link org.gags.embed.ClipCropReference}).
 */
package org.gags.embed;
