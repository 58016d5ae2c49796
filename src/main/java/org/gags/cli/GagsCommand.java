package org.gags.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gags} command line: one subcommand per user task. */
@Command(
    name = "gags",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Language-queryable 3D Gaussian Splatting scenes (GAGS) at cluster scale.",
    subcommands = {
      DemoCommand.class,
      SynthCommand.class,
      RenderCommand.class,
      PromptsCommand.class,
      RunCommand.class,
      SweepCommand.class,
      TablesCommand.class,
      ConfigCommand.class,
      TokenizeCommand.class,
      SegmentsCommand.class,
      EvalMapsCommand.class,
      ExportPlyCommand.class,
      QueryCommand.class,
      ModelsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GagsCommand implements Runnable {
  static {
    // Help texts list the stages and presets from their one definition (picocli's ${...} lookups).
    System.setProperty("gags.stages", org.gags.spark.pipeline.Stages.describe());
    System.setProperty("gags.presets", java.util.Arrays.stream(org.gags.config.Preset.values())
        .map(org.gags.config.Preset::id).collect(java.util.stream.Collectors.joining(", ")));
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Exit code: 0 ok, 1 failed work, 2 bad usage. Bad input is reported in one line, without a stack trace. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new GagsCommand());
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("gags " + commandLine.getCommandName() + ": " + ex.getMessage());
          if (System.getenv("GAGS_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return 1;
        });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
