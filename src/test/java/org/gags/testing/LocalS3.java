package org.gags.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * A real S3 protocol server for tests: s3proxy in this JVM, on 127.0.0.1 with an ephemeral port,
 * an in-memory store, one bucket, and AWS v2/v4 authentication with the given keys.
 */
public final class LocalS3 implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final String bucket;
  private final String accessKey;
  private final String secretKey;

  private LocalS3(S3Proxy proxy, BlobStoreContext context, String bucket, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.context = context;
    this.bucket = bucket;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public static LocalS3 start(String bucket, String accessKey, String secretKey) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(accessKey, secretKey)
        .overrides(new Properties()).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
    proxy.start();
    for (int i = 0; i < 500 && !proxy.getState().equals("STARTED"); i++) {
      Thread.sleep(10);
    }
    context.getBlobStore().createContainerInLocation(null, bucket);
    return new LocalS3(proxy, context, bucket, accessKey, secretKey);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The Hadoop s3a settings ({@code fs.s3a.*}) that reach this server with its keys. */
  public Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.access.key", accessKey);
    m.put("fs.s3a.secret.key", secretKey);
    m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    m.put("fs.s3a.attempts.maximum", "2");
    return m;
  }

  /** The same settings as Spark settings ({@code spark.hadoop.fs.s3a.*}). */
  public Map<String, String> sparkSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    hadoopSettings().forEach((k, v) -> m.put("spark.hadoop." + k, v));
    return m;
  }

  /** Puts every file under {@code dir} into the bucket under {@code prefix/} (no directory markers). */
  public void upload(Path dir, String prefix) throws IOException {
    BlobStore store = context.getBlobStore();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = prefix + "/" + dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
        store.putBlob(bucket, store.blobBuilder(key).payload(Files.readAllBytes(f)).build());
      }
    }
  }

  /** Every object under {@code prefix/}, by key, with its bytes. */
  public Map<String, byte[]> objects(String prefix) throws IOException {
    BlobStore store = context.getBlobStore();
    Map<String, byte[]> out = new TreeMap<>();
    ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix + "/").recursive();
    String marker = null;
    do {
      var page = store.list(bucket, marker == null ? options : options.afterMarker(marker));
      for (StorageMetadata m : page) {
        if (m.getType() == StorageType.BLOB) {
          try (InputStream in = store.getBlob(bucket, m.getName()).getPayload().openStream()) {
            out.put(m.getName(), in.readAllBytes());
          }
        }
      }
      marker = page.getNextMarker();
    } while (marker != null);
    return out;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
