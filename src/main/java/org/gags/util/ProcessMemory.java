package org.gags.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory as Linux reports it in {@code /proc/self/status}: heap, native
 * engine memory and everything else together. -1 where the file or the field is missing (not Linux).
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** VmRSS: resident bytes now. */
  public static long rssBytes() {
    return field("VmRSS:");
  }

  /** VmHWM: the largest resident size since the process started, in bytes. */
  public static long peakRssBytes() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) { // "VmHWM:   123456 kB"
          return Long.parseLong(line.substring(name.length()).replace("kB", "").trim()) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + STATUS, e);
    }
    return -1;
  }
}
