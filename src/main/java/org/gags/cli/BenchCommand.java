package org.gags.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gags bench}: benchmarks whose figures go into docs/benchmarks.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Benchmarks (render, ply, pipeline, nms, segment, scenes, distill, distill-quality, contributors, query, load).", "Results are printed as Markdown tables for docs/benchmarks.md."},
    subcommands = {
      RenderBenchCommand.class,
      PlyBenchCommand.class,
      PipelineBenchCommand.class,
      NmsBenchCommand.class,
      SegmentBenchCommand.class,
      ScenesBenchCommand.class,
      DistillBenchCommand.class,
      DistillQualityCommand.class,
      ContributorsBenchCommand.class,
      QueryBenchCommand.class,
      LoadBenchCommand.class,
      CommandLine.HelpCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
