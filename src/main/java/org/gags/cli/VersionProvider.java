package org.gags.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Implementation-Version), or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"gags " + org.gags.util.Version.current()};
  }
}
