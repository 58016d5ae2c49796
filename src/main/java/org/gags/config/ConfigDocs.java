package org.gags.config;

/** The text of conf/gags.properties: every key with its default and description. */
public final class ConfigDocs {
  private ConfigDocs() {}

  public static String propertiesFile() {
    StringBuilder sb = new StringBuilder();
    sb.append("# gags configuration: every key with its default (generated from org.gags.config.ConfigKeys;\n");
    sb.append("# ResolvedConfigTest keeps this file equal to the code). Copy it, change values, and pass the copy\n");
    sb.append("# with `jobs/gags run --conf FILE`; `--preset NAME` and `--set key=value` also change values.\n");
    for (ConfigKey k : ConfigKeys.ALL) {
      sb.append('\n');
      for (String line : wrap(k.description(), 96)) {
        sb.append("# ").append(line).append('\n');
      }
      sb.append("# Changes the output of: ").append(k.stage() == null ? "nothing (performance only)" : "stage " + k.stage()).append('\n');
      sb.append(k.name()).append(" = ").append(k.defaultValue()).append('\n');
    }
    return sb.toString();
  }

  private static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
