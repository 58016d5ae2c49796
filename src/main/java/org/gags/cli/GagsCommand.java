package org.gags.cli;

import org.gags.config.Redaction;
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
    // Error messages may quote what the user typed (--set k=v, an unknown option): secrets are redacted.
    Redaction redaction = Redaction.standard();
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println(redaction.text("gags " + commandLine.getCommandName() + ": " + ex.getMessage()));
          if (System.getenv("GAGS_DEBUG") != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new java.io.PrintWriter(trace));
            commandLine.getErr().print(redaction.text(trace.toString()));
          }
          return 1;
        });
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          CommandLine bad = ex.getCommandLine();
          bad.getErr().println(redaction.text(ex.getMessage()));
          java.io.StringWriter hint = new java.io.StringWriter();
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, new java.io.PrintWriter(hint, true))) {
            bad.usage(new java.io.PrintWriter(hint, true));
          }
          bad.getErr().print(redaction.text(hint.toString()));
          bad.getErr().flush();
          return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
    return cl.execute(args);
  }

  /**
   * The command line of a JVM of its own: stdout and stderr (and with them the console log, which
   * follows {@code System.err}) pass through {@link RedactingOutput}.
   */
  public static void main(String[] args) {
    System.setOut(new java.io.PrintStream(new RedactingOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
        true));
    System.setErr(new java.io.PrintStream(new RedactingOutput(new java.io.FileOutputStream(java.io.FileDescriptor.err)),
        true));
    int code = execute(args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}
