/**
 * Granularity-aware prompting (GaS, METHOD.md sections 2.1-2.3), plain Java on arrays: {@link
 * org.gags.prompt.MinDepth} finds each Gaussian's least depth over all views and each view's
 * min-depth map ({@link org.gags.prompt.MinDepthReference} is the single-threaded twin a
 * distributed join must equal); {@link org.gags.prompt.PromptSampler} turns a view's depth and
 * min-depth map into SAM point prompts, denser where the view sees things from farther than the
 * closest view does, so each object gets a steadier number of prompts across views; {@link
 * org.gags.prompt.UniformGrid} is LangSplat's baseline. The authors' public code (WHU-USI3DV/GAGS)
 * fixes the defaults ({@link org.gags.prompt.PromptConfig#GAGS}), quirks included; the random
 * draws are seeded per view ({@link org.gags.prompt.PromptSeeds}). {@link
 * org.gags.prompt.PromptOverlay} draws prompts over a photo for inspection, and {@link
 * org.gags.prompt.SegmentOverlay} the segment maps SAM made from them.
 */
package org.gags.prompt;
