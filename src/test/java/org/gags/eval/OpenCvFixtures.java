package org.gags.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.gags.io.Npy;

/**
 * Reads the fixtures {@code src/test/fixtures/make_eval_fixtures.py} made with real OpenCV and
 * NumPy (test resources under {@code eval/opencv/}).
 */
final class OpenCvFixtures {
  private static final String DIR = "/eval/opencv/";

  private OpenCvFixtures() {}

  static JsonNode json(String name) {
    try (InputStream in = OpenCvFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + DIR + name + " is missing");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Npy.Array npy(String name) {
    try {
      return Npy.read(Path.of(OpenCvFixtures.class.getResource(DIR + name).toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A mask from row runs {@code [y, x0, x1]} (x1 inclusive). */
  static boolean[] mask(JsonNode runs, int width, int height) {
    boolean[] m = new boolean[width * height];
    for (JsonNode r : runs) {
      for (int x = r.get(1).asInt(); x <= r.get(2).asInt(); x++) {
        m[r.get(0).asInt() * width + x] = true;
      }
    }
    return m;
  }

  /** Pixels that differ, as "(x, y)" strings, for messages (at most 10). */
  static String differences(boolean[] expected, boolean[] actual, int width) {
    StringBuilder s = new StringBuilder();
    int n = 0;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        if (n++ < 10) {
          s.append(" (").append(i % width).append(", ").append(i / width).append(")=")
              .append(actual[i] ? 1 : 0);
        }
      }
    }
    return n + " pixels differ:" + s;
  }
}
