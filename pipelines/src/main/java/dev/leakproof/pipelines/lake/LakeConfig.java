package dev.leakproof.pipelines.lake;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the lake lives and which catalog tracks its tables: a Hadoop catalog on a local folder
 * (the default), or a shared catalog (Iceberg REST, or JDBC) over a warehouse on S3-compatible
 * object storage, read and written through Iceberg's S3FileIO.
 *
 * <p>It holds no secret: S3 credentials come from the AWS SDK's default chain in every process
 * that touches the lake ({@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, or the
 * {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties), never from catalog
 * properties, so printing a config prints nothing secret.
 *
 * @param catalog which catalog
 * @param localFolder FOLDER: the lake itself; REST and JDBC: the local cache of data files that
 *     readers without S3 support (DuckDB here) read (see {@link Lake#dataFiles})
 * @param uri REST: the catalog server's {@code http(s)://} URI; JDBC: its {@code jdbc:} URL (the
 *     driver must be on the class path); FOLDER: null
 * @param warehouse where new tables go, {@code s3://bucket/prefix}: required for JDBC, optional
 *     for REST (the server's own warehouse applies when null); FOLDER: null
 * @param s3 the object store (REST and JDBC); FOLDER: null
 */
public record LakeConfig(CatalogType catalog, Path localFolder, String uri, String warehouse, S3 s3) {

  /** The catalog tracking the lake's tables. */
  public enum CatalogType {
    /** Iceberg's Hadoop catalog on a local folder: one machine. */
    FOLDER,
    /** An Iceberg REST catalog server ({@code org.apache.iceberg.rest.RESTCatalog}). */
    REST,
    /** Iceberg's JDBC catalog ({@code org.apache.iceberg.jdbc.JdbcCatalog}) on a database. */
    JDBC
  }

  /**
   * The S3-compatible object store.
   *
   * @param endpoint {@code http(s)://host:port} of an S3-compatible server, or null for AWS S3
   * @param pathStyleAccess true for {@code endpoint/bucket/key} addressing (S3Proxy, MinIO)
   * @param region the signing region, or null for the AWS SDK's default ({@code AWS_REGION})
   */
  public record S3(URI endpoint, boolean pathStyleAccess, String region) {
    public S3 {
      if (endpoint != null && (!List.of("http", "https").contains(endpoint.getScheme()) || endpoint.getHost() == null)) {
        throw new IllegalArgumentException("Invalid " + Key.S3_ENDPOINT.env + ": " + endpoint + " (http(s)://host:port)");
      }
      if (region != null && !region.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("Invalid " + Key.S3_REGION.env + ": '" + region + "' (e.g. us-east-1)");
      }
    }
  }

  /** The environment variables {@link #fromEnvironment} reads, each with what it means. */
  public enum Key {
    CATALOG("LEAKPROOF_LAKE_CATALOG", "folder (default), rest or jdbc"),
    URI("LEAKPROOF_LAKE_URI", "the REST catalog's http(s):// URI, or the JDBC catalog's jdbc: URL"),
    WAREHOUSE("LEAKPROOF_LAKE_WAREHOUSE", "s3://bucket/prefix for new tables (required for jdbc)"),
    S3_ENDPOINT("LEAKPROOF_S3_ENDPOINT", "http(s)://host:port of an S3-compatible server (default: AWS S3)"),
    S3_PATH_STYLE("LEAKPROOF_S3_PATH_STYLE", "true for path-style addressing (default false)"),
    S3_REGION("LEAKPROOF_S3_REGION", "the S3 signing region (default: the AWS SDK's, AWS_REGION)");

    public final String env;
    public final String description;

    Key(String env, String description) {
      this.env = env;
      this.description = description;
    }
  }

  public LakeConfig {
    Objects.requireNonNull(catalog, "catalog");
    if (localFolder == null) {
      throw new IllegalArgumentException("Invalid lake config: no local folder (" + catalog + ")");
    }
    localFolder = localFolder.toAbsolutePath().normalize();
    switch (catalog) {
      case FOLDER -> {
        if (uri != null || warehouse != null || s3 != null) {
          throw new IllegalArgumentException("Invalid folder lake " + localFolder
              + ": a folder lake takes no catalog uri, warehouse or S3 settings");
        }
      }
      case REST -> {
        if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://"))) {
          throw new IllegalArgumentException("Invalid " + Key.URI.env + ": " + (uri == null ? "missing" : "'" + uri + "'")
              + " (a REST catalog needs http(s)://host:port/)");
        }
      }
      case JDBC -> {
        if (uri == null || !uri.startsWith("jdbc:")) {
          throw new IllegalArgumentException("Invalid " + Key.URI.env + ": " + (uri == null ? "missing" : "'" + uri + "'")
              + " (a JDBC catalog needs a jdbc: URL)");
        }
        if (warehouse == null) {
          throw new IllegalArgumentException("Invalid " + Key.WAREHOUSE.env + ": missing (a JDBC catalog needs s3://bucket/prefix)");
        }
      }
      default -> throw new IllegalStateException("Unknown catalog " + catalog);
    }
    if (warehouse != null && !warehouse.matches("s3a?://[^/\\s]+(/\\S*)?")) {
      throw new IllegalArgumentException("Invalid " + Key.WAREHOUSE.env + ": '" + warehouse + "' (s3://bucket/prefix)");
    }
    if (catalog != CatalogType.FOLDER && s3 == null) {
      s3 = new S3(null, false, null);
    }
  }

  /** The lake in a local folder, on a Hadoop catalog: what {@code new Lake(Path)} builds. */
  public static LakeConfig folder(Path folder) {
    return new LakeConfig(CatalogType.FOLDER, folder, null, null, null);
  }

  /** A REST catalog at {@code uri} over S3; {@code cacheFolder} holds local copies of data files. */
  public static LakeConfig rest(URI uri, String warehouse, S3 s3, Path cacheFolder) {
    return new LakeConfig(CatalogType.REST, cacheFolder, uri.toString(), warehouse, s3);
  }

  /** A JDBC catalog at {@code jdbcUrl} over S3; {@code cacheFolder} holds local copies of data files. */
  public static LakeConfig jdbc(String jdbcUrl, String warehouse, S3 s3, Path cacheFolder) {
    return new LakeConfig(CatalogType.JDBC, cacheFolder, jdbcUrl, warehouse, s3);
  }

  /**
   * The lake the process environment names ({@link Key}); a folder lake at {@code defaultFolder}
   * when {@code LEAKPROOF_LAKE_CATALOG} is unset. For REST and JDBC, {@code defaultFolder} holds
   * the local cache of data files.
   *
   * @throws IllegalArgumentException naming the variable and its value when one is invalid
   */
  public static LakeConfig fromEnvironment(Path defaultFolder) {
    return fromEnvironment(System.getenv(), defaultFolder);
  }

  /** {@link #fromEnvironment(Path)} on the given variables. */
  public static LakeConfig fromEnvironment(Map<String, String> env, Path defaultFolder) {
    String type = blankToNull(env.get(Key.CATALOG.env));
    CatalogType catalog;
    try {
      catalog = type == null ? CatalogType.FOLDER : CatalogType.valueOf(type.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + Key.CATALOG.env + ": '" + type + "' (folder, rest or jdbc)");
    }
    if (catalog == CatalogType.FOLDER) {
      for (Key k : List.of(Key.URI, Key.WAREHOUSE, Key.S3_ENDPOINT)) {
        if (blankToNull(env.get(k.env)) != null) {
          throw new IllegalArgumentException("Invalid " + k.env + ": '" + env.get(k.env) + "' is set but "
              + Key.CATALOG.env + " is " + (type == null ? "unset (folder)" : type) + " (set it to rest or jdbc)");
        }
      }
      return folder(defaultFolder);
    }
    String pathStyle = blankToNull(env.get(Key.S3_PATH_STYLE.env));
    if (pathStyle != null && !pathStyle.equalsIgnoreCase("true") && !pathStyle.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("Invalid " + Key.S3_PATH_STYLE.env + ": '" + pathStyle + "' (true or false)");
    }
    String endpoint = blankToNull(env.get(Key.S3_ENDPOINT.env));
    URI endpointUri;
    try {
      endpointUri = endpoint == null ? null : new URI(endpoint.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("Invalid " + Key.S3_ENDPOINT.env + ": " + endpoint + " (http(s)://host:port)");
    }
    S3 s3 = new S3(endpointUri, Boolean.parseBoolean(pathStyle), blankToNull(env.get(Key.S3_REGION.env)));
    return new LakeConfig(catalog, defaultFolder, blankToNull(env.get(Key.URI.env)),
        blankToNull(env.get(Key.WAREHOUSE.env)), s3);
  }

  /** True when the tables' files are on object storage (REST or JDBC over S3). */
  public boolean onObjectStorage() {
    return catalog != CatalogType.FOLDER;
  }

  /**
   * The catalog properties of a REST or JDBC lake: its uri, warehouse, S3FileIO and the S3
   * settings; no credentials (the AWS SDK's default chain supplies them).
   *
   * @throws IllegalStateException for a folder lake
   */
  public Map<String, String> catalogProperties() {
    if (!onObjectStorage()) {
      throw new IllegalStateException("Cannot build catalog properties for folder lake " + localFolder);
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("uri", uri);
    if (warehouse != null) {
      p.put("warehouse", warehouse);
    }
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    if (s3.endpoint() != null) {
      p.put("s3.endpoint", s3.endpoint().toString());
    }
    p.put("s3.path-style-access", String.valueOf(s3.pathStyleAccess()));
    if (s3.region() != null) {
      p.put("client.region", s3.region());
    }
    // the one HTTP client Leakproof ships for the AWS SDK
    p.put("http-client.type", "urlconnection");
    if (catalog == CatalogType.JDBC) {
      p.put("jdbc.schema-version", "V1");
    }
    return p;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
