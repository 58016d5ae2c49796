/**
 * The pipeline on Spark: scene inputs, the one list of stages ({@link
 * org.gags.spark.pipeline.Stages}: scan, depth, min-depth, prompts, segment, embed), the per-view
 * stage frame that owns reading, partitioning, progress, timings and commits ({@link
 * org.gags.spark.pipeline.ViewFrame}; a stage is its tables plus a {@link
 * org.gags.spark.pipeline.ViewTask}), the model-stage rules ({@link
 * org.gags.spark.pipeline.ModelStages}), per-stage config hashes, and the runner that keeps
 * several scenes in flight, skips finished work and isolates failing scenes.
 */
package org.gags.spark.pipeline;
