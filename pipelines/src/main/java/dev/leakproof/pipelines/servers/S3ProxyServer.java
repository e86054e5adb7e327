package dev.leakproof.pipelines.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible object store run as a local process on 127.0.0.1: S3Proxy
 * ({@code org.gaul:s3proxy}) on jclouds' {@code filesystem} backend, so every object is a file
 * under {@link #dataDir()} and a bucket is a folder there. Its folder holds the properties (with
 * the secret key, readable by the owner only), the objects and the server's log. Clients sign
 * with the access key and secret key the caller chose; use path-style access. The server runs
 * until {@link #stop} or until this JVM exits.
 *
 * <p>S3Proxy 2.6 rejects the checksum trailers the AWS SDK for Java 2 sends on uploads by default
 * since 2.30 ({@code x-amz-content-sha256 ... does not match}): every client process sets
 * {@code AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED} in its environment, or the system property
 * {@link #CHECKSUM_PROPERTY} to {@link #CHECKSUM_WHEN_REQUIRED}; {@link #client()} does so itself.
 */
public final class S3ProxyServer implements AutoCloseable {

  /** S3Proxy's main class, in org.gaul:s3proxy. */
  static final String MAIN = "org.gaul.s3proxy.Main";
  /** The recorded class path's name (servers/s3proxy). */
  static final String NAME = "s3proxy";
  /** The AWS SDK's system property for when uploads carry checksums. */
  public static final String CHECKSUM_PROPERTY = "aws.requestChecksumCalculation";
  /** Only when the operation requires one: what S3Proxy 2.6 accepts. */
  public static final String CHECKSUM_WHEN_REQUIRED = "WHEN_REQUIRED";

  private final Path dir;
  private final String accessKey;
  private final String secretKey;
  private final int port;
  private LocalProcess process;

  /**
   * @param dir the server's folder (created when missing); objects go to {@code dir/data}
   * @param accessKey the access key id clients sign with
   * @param secretKey the secret access key clients sign with; never logged
   */
  public S3ProxyServer(Path dir, String accessKey, String secretKey) {
    if (accessKey == null || accessKey.isBlank() || accessKey.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Invalid S3 access key: '" + accessKey + "' (non-blank, no spaces)");
    }
    if (secretKey == null || secretKey.length() < 8 || secretKey.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Invalid S3 secret key: at least 8 characters without spaces");
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.port = LoopbackPorts.free();
  }

  /** The endpoint clients use ({@code s3.endpoint}), fixed for the life of this object. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The filesystem backend's folder: bucket {@code b}, key {@code k} is the file {@code dataDir/b/k}. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  public Path log() {
    return dir.resolve("s3proxy.log");
  }

  /**
   * Starts the server and returns once it answers HTTP. Starting a running server does nothing.
   *
   * @throws IOException if it exits or does not answer within {@code timeout} (its log is named)
   */
  public URI start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.alive()) {
      return endpoint();
    }
    Files.createDirectories(dataDir());
    Path properties = writeProperties();
    process = LocalProcess.start(NAME, dir, List.of("-Xmx256m", "-XX:+UseSerialGC"), MAIN,
        List.of("--properties", properties.toString()), List.of("AWS_", "S3PROXY_", "JCLOUDS_"),
        Map.of("LOG_LEVEL", "warn"), log());
    // S3Proxy refuses anonymous requests (403): any answer means it serves
    process.awaitAnswer(endpoint().resolve("/"), status -> status > 0, timeout);
    return endpoint();
  }

  /**
   * Creates a bucket through the S3 API (as a client would), if it does not exist yet.
   *
   * @throws IllegalArgumentException if {@code bucket} is not a valid S3 bucket name
   */
  public void createBucket(String bucket) {
    if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("Invalid bucket name: '" + bucket
          + "' (3-63 lower-case letters, digits, dots and dashes)");
    }
    try (S3Client s3 = client()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
  }

  /** An S3 client of this server, signed with the caller's keys; the caller closes it. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  /** Stops the server (SIGTERM, SIGKILL after 10 s); its objects stay in {@link #dataDir()}. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.stop(Duration.ofSeconds(10));
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private Path writeProperties() throws IOException {
    String p = String.join("\n",
        "# written by Leakproof: S3Proxy on loopback, objects in a folder",
        "s3proxy.endpoint=" + endpoint(),
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=filesystem",
        "jclouds.identity=" + accessKey,
        "jclouds.credential=unused",
        "jclouds.filesystem.basedir=" + dataDir(),
        "");
    Path file = dir.resolve("s3proxy.properties");
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, p, StandardCharsets.UTF_8);
    return file;
  }
}
