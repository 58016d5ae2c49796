/**
 * The splat renderer: a pure-Java tiled EWA rasterizer that follows gsplat v1.4.0's classic
 * rasterization to the constant (METHOD.md section 1). {@link org.gags.render.Rasterizer} composes
 * the named steps {@link org.gags.render.Projection}, {@link org.gags.render.TileBinning} and
 * {@link org.gags.render.Compositor}; it renders RGB (SH degree 0-3), expected depth, alpha, any
 * per-Gaussian feature matrix, and the per-pixel contributor lists that make feature rendering a
 * sparse linear map ({@link org.gags.render.Contributors}). {@link
 * org.gags.render.ReferenceRasterizer} is the slow per-pixel twin the tests compare against.
 */
package org.gags.render;
