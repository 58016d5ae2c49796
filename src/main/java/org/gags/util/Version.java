package org.gags.util;

/** The gags version: the jar manifest's Implementation-Version, or "dev" when run from classes. */
public final class Version {
  private Version() {}

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
