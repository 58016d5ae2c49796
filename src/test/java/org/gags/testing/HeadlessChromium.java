package org.gags.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium for page tests: loads a file, lets its scripts run (virtual time), and
 * returns the serialised DOM and what the browser logged (console messages included). The binary
 * is the system property {@code gags.chromium} when set, else the first of {@link #NAMES} on the
 * PATH; tests skip when there is none.
 */
public final class HeadlessChromium {
  static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
  static final long TIMEOUT_SECONDS = 60;

  /** The dumped DOM and the browser's log (stderr). */
  public record Page(String dom, String log) {}

  private HeadlessChromium() {}

  public static Optional<Path> find() {
    String configured = System.getProperty("gags.chromium");
    if (configured != null && !configured.isEmpty()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv("PATH");
    for (String name : NAMES) {
      for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The binary, or the calling test class is skipped (a JUnit assumption) with how to name one. */
  public static Path findOrSkip() {
    Optional<Path> c = find();
    org.junit.jupiter.api.Assumptions.assumeTrue(c.isPresent(), "no chromium binary (-Dgags.chromium, or chromium,"
        + " chromium-browser or google-chrome on the PATH): browser test skipped");
    return c.get();
  }

  /** Loads {@code page} with a fresh profile in {@code work} and dumps its DOM after 5 s of virtual time. */
  public static Page load(Path chromium, Path page, Path work) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(work.resolve("chromium-profile"));
    Path out = work.resolve("chromium-dom.html");
    Path err = work.resolve("chromium-log.txt");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
        "--dump-dom", page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(chromium + " did not finish within " + TIMEOUT_SECONDS + " s on " + page);
    }
    String log = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(chromium + " exited with " + p.exitValue() + " on " + page + ":\n" + log);
    }
    return new Page(Files.readString(out, StandardCharsets.UTF_8), log);
  }
}
