package org.gags.config;

/** A configuration problem; the message names the source (file and line, or option), the key, what was expected and what was found. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
