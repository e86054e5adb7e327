package dev.leakproof.pipelines.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Iceberg's own REST catalog server ({@code org.apache.iceberg.rest.RESTCatalogServer}, the server
 * of apache/iceberg-rest-fixture) run as a local process: a JdbcCatalog on a SQLite file in its
 * folder, so the catalog survives a restart, with S3FileIO on an S3-compatible endpoint for the
 * warehouse. Clients reach it at {@link #uri()}. The server runs until {@link #stop} or until this
 * JVM exits.
 *
 * <p>The server reads its configuration from {@code CATALOG_*} environment variables (after the
 * prefix, {@code __} becomes {@code -} and {@code _} becomes {@code .}; {@code CATALOG_REST_PORT}
 * is its port) and logs the catalog properties on start: the S3 keys therefore go to the child
 * only as {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, which the AWS SDK reads and
 * nobody logs. Jetty listens on every interface of the port (the server takes no host); on this
 * machine only loopback is reachable.
 */
public final class RestCatalogServer implements AutoCloseable {

  /** The server's main class, in org.apache.iceberg:iceberg-open-api:test-fixtures. */
  static final String MAIN = "org.apache.iceberg.rest.RESTCatalogServer";
  /** The recorded class path's name (servers/iceberg-rest). */
  static final String NAME = "iceberg-rest";

  private final Path dir;
  private final URI s3Endpoint;
  private final String warehouse;
  private final String accessKey;
  private final String secretKey;
  private final int port;
  private LocalProcess process;

  /**
   * @param dir the server's folder (created when missing): the SQLite catalog and the log
   * @param s3Endpoint the S3-compatible endpoint the warehouse lives on (path-style access)
   * @param warehouse where new tables go, {@code s3://bucket/prefix}
   * @param accessKey the S3 access key id the server signs with
   * @param secretKey the S3 secret key; handed to the child in its environment, never logged
   */
  public RestCatalogServer(Path dir, URI s3Endpoint, String warehouse, String accessKey, String secretKey) {
    if (warehouse == null || !warehouse.matches("s3a?://[a-z0-9][a-z0-9.-]+[a-z0-9](/.*)?")) {
      throw new IllegalArgumentException("Invalid warehouse: '" + warehouse + "' (s3://bucket/prefix)");
    }
    if (s3Endpoint == null || !List.of("http", "https").contains(s3Endpoint.getScheme())) {
      throw new IllegalArgumentException("Invalid S3 endpoint: " + s3Endpoint + " (http://host:port)");
    }
    if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("Cannot start the REST catalog on " + warehouse + ": no S3 keys given");
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.s3Endpoint = s3Endpoint;
    this.warehouse = warehouse;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.port = LoopbackPorts.free();
  }

  /** The catalog's URI for clients (the RESTCatalog {@code uri}), fixed for the life of this object. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The SQLite file holding the catalog: namespaces and each table's current metadata location. */
  public Path catalogFile() {
    return dir.resolve("catalog.db");
  }

  public Path log() {
    return dir.resolve("iceberg-rest.log");
  }

  public String warehouse() {
    return warehouse;
  }

  /**
   * Starts the server (again, after {@link #stop}: same port, same catalog) and returns once
   * {@code GET /v1/config} answers 200. Starting a running server does nothing.
   *
   * @throws IOException if it exits or does not answer within {@code timeout} (its log is named)
   */
  public URI start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.alive()) {
      return uri();
    }
    Files.createDirectories(dir);
    Map<String, String> env = new TreeMap<>();
    env.put("CATALOG_URI", "jdbc:sqlite:file:" + catalogFile());
    env.put("CATALOG_JDBC_SCHEMA__VERSION", "V1");
    env.put("CATALOG_WAREHOUSE", warehouse);
    env.put("CATALOG_IO__IMPL", "org.apache.iceberg.aws.s3.S3FileIO");
    env.put("CATALOG_S3_ENDPOINT", s3Endpoint.toString());
    env.put("CATALOG_S3_PATH__STYLE__ACCESS", "true");
    env.put("CATALOG_CLIENT_REGION", "us-east-1");
    env.put("CATALOG_HTTP__CLIENT_TYPE", "urlconnection");
    env.put("CATALOG_REST_PORT", String.valueOf(port));
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("AWS_REGION", "us-east-1");
    // S3-compatible servers such as S3Proxy 2.6 reject the SDK's default checksum trailers
    env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
    process = LocalProcess.start(NAME, dir,
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"), MAIN, List.of(),
        List.of("CATALOG_", "AWS_", "REST_"), env, log());
    process.awaitAnswer(uri().resolve("v1/config"), status -> status == 200, timeout);
    return uri();
  }

  /** Stops the server (SIGTERM, SIGKILL after 10 s); the catalog stays in {@link #catalogFile()}. */
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
}
