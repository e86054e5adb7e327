package dev.leakproof.pipelines.testutils;

import dev.leakproof.pipelines.lake.LakeConfig;
import dev.leakproof.pipelines.servers.RestCatalogServer;
import dev.leakproof.pipelines.servers.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A lake's home past one machine, for tests: S3Proxy with a bucket and Iceberg's REST catalog
 * server over it, each a process of its own, with the keys this JVM's AWS SDK reads (system
 * properties) and the environment other processes get. Closing stops both and clears the keys.
 */
public final class ObjectStore implements AutoCloseable {

  public static final String BUCKET = "leakproof-lake";

  private final String accessKey;
  private final String secretKey = "secret-" + java.util.UUID.randomUUID();
  private S3ProxyServer s3;
  private RestCatalogServer catalog;

  private ObjectStore(String accessKey) {
    this.accessKey = accessKey;
  }

  /** Starts both servers in {@code dir} with a fresh secret key for {@code accessKey}. */
  public static ObjectStore start(Path dir, String accessKey) throws Exception {
    ObjectStore store = new ObjectStore(accessKey);
    // the AWS SDK's default chain: how every process touching the lake gets its keys
    System.setProperty("aws.accessKeyId", accessKey);
    System.setProperty("aws.secretAccessKey", store.secretKey);
    // S3Proxy 2.6 cannot verify the checksum trailers the AWS SDK sends by default since 2.30
    System.setProperty(S3ProxyServer.CHECKSUM_PROPERTY, S3ProxyServer.CHECKSUM_WHEN_REQUIRED);
    try {
      store.s3 = new S3ProxyServer(dir.resolve("s3"), accessKey, store.secretKey);
      store.s3.start(Duration.ofSeconds(60));
      store.s3.createBucket(BUCKET);
      store.catalog = new RestCatalogServer(dir.resolve("catalog"), store.s3.endpoint(), "s3://" + BUCKET
          + "/warehouse", accessKey, store.secretKey);
      store.catalog.start(Duration.ofSeconds(60));
      return store;
    } catch (Exception e) {
      store.close();
      throw e;
    }
  }

  public S3ProxyServer s3() {
    return s3;
  }

  public RestCatalogServer catalog() {
    return catalog;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The lake behind the REST catalog, with local copies of its data files in {@code cacheFolder}. */
  public LakeConfig lake(Path cacheFolder) {
    return LakeConfig.rest(catalog.uri(), null, new LakeConfig.S3(s3.endpoint(), true, "us-east-1"), cacheFolder);
  }

  /** What another process needs in its environment to reach the bucket: the AWS SDK's own variables. */
  public Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey,
        "AWS_REQUEST_CHECKSUM_CALCULATION", S3ProxyServer.CHECKSUM_WHEN_REQUIRED);
  }

  /** The environment of a {@code leakproof} process whose lake is this one, credentials included. */
  public Map<String, String> lakeEnvironment() {
    Map<String, String> env = new HashMap<>(credentials());
    env.put("LEAKPROOF_LAKE_CATALOG", "rest");
    env.put("LEAKPROOF_LAKE_URI", catalog.uri().toString());
    env.put("LEAKPROOF_S3_ENDPOINT", s3.endpoint().toString());
    env.put("LEAKPROOF_S3_PATH_STYLE", "true");
    env.put("LEAKPROOF_S3_REGION", "us-east-1");
    return env;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      if (catalog != null) {
        catalog.stop();
      }
      if (s3 != null) {
        s3.stop();
      }
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      System.clearProperty(S3ProxyServer.CHECKSUM_PROPERTY);
    }
  }
}
