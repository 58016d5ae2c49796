/**
 * The pipeline on Spark: scene inputs, the one list of stages ({@link
 * org.gags.spark.pipeline.Stages}: scan, depth, min-depth, prompts, segment, embed, contributors,
 * distill, eval), the per-view
 * stage frame that owns reading, partitioning, progress, timings and commits ({@link
 * org.gags.spark.pipeline.ViewFrame}; a stage is its tables plus a {@link
 * org.gags.spark.pipeline.ViewTask}), the model-stage rules ({@link
 * org.gags.spark.pipeline.ModelStages}), per-stage config hashes, and the runner that keeps
 * several scenes in flight, skips finished work and isolates failing scenes. {@link
 * org.gags.spark.pipeline.DistillStage} is the one stage off the frame: one training task per scene
 * ({@link org.gags.spark.pipeline.DistillTask}) that reads its tables on the executor, with a GPU
 * resource profile under {@code distill.device=cuda}. {@link org.gags.spark.pipeline.TaskFaults}
 * fails tasks on purpose ({@code faults.*}) to show that retries change no table.
 */
package org.gags.spark.pipeline;
