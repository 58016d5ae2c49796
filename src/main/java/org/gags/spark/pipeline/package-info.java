/**
 * The pipeline on Spark: scene inputs, the stages (scan, depth, min-depth, prompts) as adapters
 * over the plain-Java core, per-stage config hashes, and the runner that skips finished work and
 * isolates failing scenes.
 */
package org.gags.spark.pipeline;
