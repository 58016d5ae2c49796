package org.gags.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gags.config.ConfigDocs;
import org.gags.config.ConfigException;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags config}: shows the configuration a run would use, or the documented template. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the resolved configuration for a preset, --conf file and --set overrides, with its hash.",
      "With --template, prints every key with its default and description (conf/gags.properties)."
    })
final class ConfigCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--preset", defaultValue = "gags", description = "Named configuration: ${gags.presets} (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--conf", description = "Properties file applied over the preset.")
  Path conf;

  @Option(names = "--set", description = "key=value override; repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--template", description = "Print the documented defaults instead.")
  boolean template;

  @Override
  public Integer call() {
    if (template) {
      System.out.print(ConfigDocs.propertiesFile());
      return 0;
    }
    try {
      ResolvedConfig c = ResolvedConfig.resolve(Preset.byId(preset), conf, sets);
      System.out.print(c.toProperties());
      System.out.println("# config hash " + c.hash());
      if (!c.sparkSettings().isEmpty()) {
        System.out.println("# Spark settings (for the Spark session; in no hash; secrets redacted):");
        c.sparkSettings().redacted().forEach((k, v) -> System.out.println("#   " + k + " = " + v));
      }
      return 0;
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
