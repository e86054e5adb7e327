package dev.leakproof.pipelines.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lake's configuration from the environment: the folder default, a REST or JDBC catalog over S3, the errors. */
class LakeConfigTest {

  static final Path FOLDER = Path.of("/tmp/work/lake");

  @Test
  void withoutVariablesTheLakeIsTheFolder(@org.junit.jupiter.api.io.TempDir Path dir) {
    LakeConfig c = LakeConfig.fromEnvironment(Map.of(), dir);
    assertThat(c).isEqualTo(LakeConfig.folder(dir));
    assertThat(c.catalog()).isEqualTo(LakeConfig.CatalogType.FOLDER);
    assertThat(c.onObjectStorage()).isFalse();
    assertThat(new Lake(c).catalogLoader().loadCatalog()).isInstanceOf(org.apache.iceberg.hadoop.HadoopCatalog.class);
  }

  @Test
  void aRestCatalogOverS3GetsS3FileIoAndNoCredentials() {
    LakeConfig c = LakeConfig.fromEnvironment(Map.of(
        "LEAKPROOF_LAKE_CATALOG", "rest",
        "LEAKPROOF_LAKE_URI", "http://127.0.0.1:8181/",
        "LEAKPROOF_LAKE_WAREHOUSE", "s3://lake/prod",
        "LEAKPROOF_S3_ENDPOINT", "http://127.0.0.1:9000",
        "LEAKPROOF_S3_PATH_STYLE", "true",
        "LEAKPROOF_S3_REGION", "eu-west-1",
        "AWS_SECRET_ACCESS_KEY", "do-not-copy-me"), FOLDER);
    assertThat(c.catalog()).isEqualTo(LakeConfig.CatalogType.REST);
    assertThat(c.localFolder()).isEqualTo(FOLDER);
    assertThat(c.catalogProperties()).containsExactly(
        Map.entry("uri", "http://127.0.0.1:8181/"),
        Map.entry("warehouse", "s3://lake/prod"),
        Map.entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
        Map.entry("s3.endpoint", "http://127.0.0.1:9000"),
        Map.entry("s3.path-style-access", "true"),
        Map.entry("client.region", "eu-west-1"),
        Map.entry("http-client.type", "urlconnection"));
    assertThat(c.toString()).doesNotContain("do-not-copy-me");
  }

  @Test
  void aJdbcCatalogNeedsAWarehouse() {
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "jdbc",
        "LEAKPROOF_LAKE_URI", "jdbc:sqlite:file:/tmp/c.db"), FOLDER))
        .hasMessage("Invalid LEAKPROOF_LAKE_WAREHOUSE: missing (a JDBC catalog needs s3://bucket/prefix)");
    LakeConfig c = LakeConfig.jdbc("jdbc:sqlite:file:/tmp/c.db", "s3://lake",
        new LakeConfig.S3(URI.create("http://127.0.0.1:9000"), true, null), FOLDER);
    assertThat(c.catalogProperties()).containsEntry("jdbc.schema-version", "V1").doesNotContainKey("client.region");
  }

  @Test
  void invalidValuesAreNamedWithTheirVariable() {
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "hive"), FOLDER))
        .hasMessage("Invalid LEAKPROOF_LAKE_CATALOG: 'hive' (folder, rest or jdbc)");
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "rest"), FOLDER))
        .hasMessage("Invalid LEAKPROOF_LAKE_URI: missing (a REST catalog needs http(s)://host:port/)");
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "rest",
        "LEAKPROOF_LAKE_URI", "http://127.0.0.1:8181/", "LEAKPROOF_LAKE_WAREHOUSE", "/data/lake"), FOLDER))
        .hasMessage("Invalid LEAKPROOF_LAKE_WAREHOUSE: '/data/lake' (s3://bucket/prefix)");
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "rest",
        "LEAKPROOF_LAKE_URI", "http://127.0.0.1:8181/", "LEAKPROOF_S3_PATH_STYLE", "yes"), FOLDER))
        .hasMessage("Invalid LEAKPROOF_S3_PATH_STYLE: 'yes' (true or false)");
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_CATALOG", "rest",
        "LEAKPROOF_LAKE_URI", "http://127.0.0.1:8181/", "LEAKPROOF_S3_ENDPOINT", "127.0.0.1:9000"), FOLDER))
        .hasMessageStartingWith("Invalid LEAKPROOF_S3_ENDPOINT: 127.0.0.1:9000");
  }

  @Test
  void catalogSettingsWithoutACatalogAreRefused() {
    assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LEAKPROOF_LAKE_URI", "http://127.0.0.1:8181/"),
        FOLDER))
        .hasMessage("Invalid LEAKPROOF_LAKE_URI: 'http://127.0.0.1:8181/' is set but LEAKPROOF_LAKE_CATALOG is "
            + "unset (folder) (set it to rest or jdbc)");
  }
}
