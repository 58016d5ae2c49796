/**
 * CLIP-side pure functions: the BPE tokenizer today; the crop rule and the embedding stage come
 * with the SAM and CLIP stages (issue 4).
 */
package org.gags.embed;
