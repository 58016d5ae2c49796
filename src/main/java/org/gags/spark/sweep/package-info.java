/**
 * Sweeps: a grid of config overrides ({@link org.gags.config.SweepGrid}) run over the same scenes
 * into one output root. {@link org.gags.spark.sweep.Sweep} checks every grid point and computes its
 * stage hashes before anything is written, then runs each point's pipeline with the point's tables
 * in the folders of their stage hashes ({@link org.gags.store.StageFolders}), so a stage shared by
 * several points is computed once and points that differ never overwrite each other. {@link
 * org.gags.spark.sweep.SweepRows} makes and commits a point's {@code sweep_metrics} rows from its
 * committed tables, and {@link org.gags.spark.sweep.SweepReports} writes the side-by-side report.
 */
package org.gags.spark.sweep;
