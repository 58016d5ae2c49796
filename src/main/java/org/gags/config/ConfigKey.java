package org.gags.config;

import java.util.function.Function;

/**
 * One configuration key: its name, default, the stage whose output it changes (null when it
 * changes no output, such as task sizes), a description for docs and --help, and a check that
 * returns an error text for a bad value (null when the value is fine).
 */
public record ConfigKey(
    String name, String defaultValue, String stage, String description, Function<String, String> check) {

  static ConfigKey of(String name, String defaultValue, String stage, String description, Function<String, String> check) {
    String err = check.apply(defaultValue);
    if (err != null) {
      throw new IllegalStateException("default of " + name + " is invalid: " + err);
    }
    return new ConfigKey(name, defaultValue, stage, description, check);
  }

  static Function<String, String> intBetween(int lo, int hi) {
    return v -> {
      try {
        int i = Integer.parseInt(v.trim());
        return i >= lo && i <= hi ? null : "an integer in " + lo + ".." + hi;
      } catch (NumberFormatException e) {
        return "an integer in " + lo + ".." + hi;
      }
    };
  }

  static Function<String, String> longValue() {
    return v -> {
      try {
        Long.parseLong(v.trim());
        return null;
      } catch (NumberFormatException e) {
        return "a 64-bit integer";
      }
    };
  }

  static Function<String, String> doubleBetween(double lo, double hi) {
    return v -> {
      try {
        double d = Double.parseDouble(v.trim());
        return d >= lo && d <= hi ? null : "a number in [" + lo + ", " + hi + "]";
      } catch (NumberFormatException e) {
        return "a number in [" + lo + ", " + hi + "]";
      }
    };
  }

  static Function<String, String> oneOf(String... values) {
    return v -> {
      for (String ok : values) {
        if (ok.equals(v.trim())) {
          return null;
        }
      }
      return "one of " + String.join(", ", values);
    };
  }

  static Function<String, String> nonEmpty() {
    return v -> v.isBlank() ? "a non-empty value" : null;
  }

  /** Empty (not set) or a path / URI, without credentials in it (they would reach the stage's hash and commit marker). */
  static Function<String, String> optionalPath() {
    return v -> !v.equals(v.trim()) ? "a path without leading or trailing spaces"
        : Redaction.hasUriCredentials(v) ? "a path or URI without credentials in it (give credentials as fs.s3a.*"
            + " settings, which stay out of hashes and outputs)" : null;
  }

  /** cpu, cuda or cuda:N. */
  static Function<String, String> device() {
    return v -> v.trim().matches("cpu|cuda|cuda:[0-9]+") ? null : "cpu, cuda or cuda:N";
  }

  /** Three comma-separated numbers. */
  static Function<String, String> threeNumbers() {
    return v -> {
      String[] parts = v.split(",");
      if (parts.length != 3) {
        return "three comma-separated numbers";
      }
      try {
        for (String p : parts) {
          double d = Double.parseDouble(p.trim());
          if (!Double.isFinite(d)) {
            return "three comma-separated finite numbers";
          }
        }
      } catch (NumberFormatException e) {
        return "three comma-separated numbers";
      }
      return null;
    };
  }
}
