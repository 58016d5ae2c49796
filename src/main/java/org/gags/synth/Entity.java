package org.gags.synth;

/**
 * A labelled thing in the sample scene: an object, one of its parts or a sub-part. Its label
 * category is the text query that should find it; its mask is every Gaussian of it or of its
 * descendants.
 *
 * @param parent id of the enclosing entity, or -1 for a whole object
 * @param level "whole", "part" or "subpart"
 * @param centre a point inside it (world), used to aim close-up cameras
 */
public record Entity(int id, String query, int parent, String level, double[] centre) {}
