package org.gags.distill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lines of torch-fixtures.txt (written by make_torch_fixtures.py beside it), split on spaces. */
final class TorchFixtures {
  private TorchFixtures() {}

  static List<String[]> lines(String kind) {
    try (InputStream in = TorchFixtures.class.getResourceAsStream("torch-fixtures.txt")) {
      if (in == null) {
        throw new IllegalStateException("torch-fixtures.txt is missing from the test resources");
      }
      List<String[]> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split(" ");
        if (f[0].equals(kind)) {
          out.add(f);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The toy problem of the Adam lines: loss = Σ c (p − t)², from p0. */
  static final double[] ADAM_T = {0.5, -1.0, 2.0, 0.0, 1e-3};
  static final double[] ADAM_C = {1.0, 0.1, 3.0, 1e-4, 10.0};
  static final double[] ADAM_P0 = {0.0, 0.3, -0.2, 1.0, 0.0};
}
