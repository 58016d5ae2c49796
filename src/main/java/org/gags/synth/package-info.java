/**
 * Synthetic scenes: {@link org.gags.synth.SampleScene}, the bundled tabletop with part
 * hierarchies, cameras, rendered photos and LERF-OVS labels; {@link org.gags.synth.RandomScene},
 * random clouds for tests and benchmarks; and {@link org.gags.synth.MaskPolygons}, which traces
 * label masks into polygons.
 */
package org.gags.synth;
