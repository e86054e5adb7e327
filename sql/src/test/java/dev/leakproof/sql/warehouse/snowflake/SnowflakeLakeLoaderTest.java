package dev.leakproof.sql.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.schemas.tables.ColumnSpec;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL the Snowflake lake loader sends: a commit's files read in place through the stage, each
 * column cast to the raw table's type, the commit's snapshot and instant added, the position moved
 * in the same transaction (the transaction itself is JDBC's, exercised up to the network by
 * {@code SnowflakeLakeLoadNetworkTest}).
 */
class SnowflakeLakeLoaderTest {

  static final LakeStage STAGE = LakeStage.of("RAW.LEAKPROOF_LAKE", "s3://acme-lake/leakproof", "LAKE_S3");
  static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("event_id", "VARCHAR"),
      new ColumnSpec("quantity", "DECIMAL(38,12)"), new ColumnSpec("received_at", "TIMESTAMP"),
      new ColumnSpec("line_no", "BIGINT"));
  static final Instant COMMITTED = Instant.parse("2026-06-15T08:00:00Z");

  private final SnowflakeLakeLoader loader = new SnowflakeLakeLoader(null, STAGE);

  @Test
  void aCommitIsOneInsertReadingItsFilesThroughTheStage() {
    LakeTableLoader.Commit commit = new LakeTableLoader.Commit(4242L, COMMITTED, List.of(
        "s3://acme-lake/leakproof/lake/usage_events/data/00000-0-a.parquet",
        "s3a://acme-lake/leakproof/lake/usage_events/data/occurred_date=2026-01-01/00001-0-b.parquet"));
    assertThat(loader.insertStatements("usage_events", COLUMNS, commit)).containsExactly(
        "INSERT INTO RAW.USAGE_EVENTS (EVENT_ID, QUANTITY, RECEIVED_AT, LINE_NO, _LAKE_SNAPSHOT_ID, _LAKE_COMMITTED_AT) "
            + "SELECT $1:event_id::VARCHAR, $1:quantity::NUMBER(38,12), $1:received_at::TIMESTAMP_NTZ, "
            + "$1:line_no::NUMBER(38,0), 4242, '2026-06-15 08:00:00.000000'::TIMESTAMP_NTZ "
            + "FROM @RAW.LEAKPROOF_LAKE/lake/usage_events/data/00000-0-a.parquet "
            + "(FILE_FORMAT => 'RAW.LEAKPROOF_LAKE_PARQUET') UNION ALL "
            + "SELECT $1:event_id::VARCHAR, $1:quantity::NUMBER(38,12), $1:received_at::TIMESTAMP_NTZ, "
            + "$1:line_no::NUMBER(38,0), 4242, '2026-06-15 08:00:00.000000'::TIMESTAMP_NTZ "
            + "FROM @RAW.LEAKPROOF_LAKE/lake/usage_events/data/occurred_date=2026-01-01/00001-0-b.parquet "
            + "(FILE_FORMAT => 'RAW.LEAKPROOF_LAKE_PARQUET')");
  }

  @Test
  void aLargeCommitIsSplitAcrossInsertsOfTheSameTransaction() {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      files.add("s3://acme-lake/leakproof/lake/seat_events/data/f" + i + ".parquet");
    }
    List<String> inserts = loader.insertStatements("seat_events", COLUMNS,
        new LakeTableLoader.Commit(7L, COMMITTED, files));
    assertThat(inserts).hasSize(3);
    assertThat(inserts.get(0).split(" UNION ALL ")).hasSize(50);
    assertThat(inserts.get(2).split(" UNION ALL ")).hasSize(20);
    assertThat(String.join("\n", inserts)).contains("/f0.parquet").contains("/f119.parquet");
    assertThat(loader.insertStatements("seat_events", COLUMNS, new LakeTableLoader.Commit(8L, COMMITTED, List.of())))
        .isEmpty();
  }

  @Test
  void thePositionMovesToTheCommitAndAddsItsRows() {
    assertThat(loader.positionStatement("usage_events", new LakeTableLoader.Commit(4242L, COMMITTED, List.of()), 17,
        Instant.parse("2026-06-15T09:30:00.123456Z"))).isEqualTo(
        "MERGE INTO RAW._LAKE_POSITION p USING (SELECT 'USAGE_EVENTS' AS TABLE_NAME, 4242 AS SNAPSHOT_ID, "
            + "'2026-06-15 08:00:00.000000'::TIMESTAMP_NTZ AS COMMITTED_AT, "
            + "'2026-06-15 09:30:00.123456'::TIMESTAMP_NTZ AS LOADED_AT, 17 AS ROWS_LOADED) s "
            + "ON p.TABLE_NAME = s.TABLE_NAME WHEN MATCHED THEN UPDATE SET SNAPSHOT_ID = s.SNAPSHOT_ID, "
            + "COMMITTED_AT = s.COMMITTED_AT, LOADED_AT = s.LOADED_AT, ROWS_LOADED = p.ROWS_LOADED + s.ROWS_LOADED "
            + "WHEN NOT MATCHED THEN INSERT (TABLE_NAME, SNAPSHOT_ID, COMMITTED_AT, LOADED_AT, ROWS_LOADED) "
            + "VALUES (s.TABLE_NAME, s.SNAPSHOT_ID, s.COMMITTED_AT, s.LOADED_AT, s.ROWS_LOADED)");
  }

  @Test
  void setupAndResetCreateTheStageTheFormatAndTheRawTable() {
    assertThat(loader.setupStatements()).containsExactly("CREATE SCHEMA IF NOT EXISTS RAW",
        "CREATE FILE FORMAT IF NOT EXISTS RAW.LEAKPROOF_LAKE_PARQUET TYPE = PARQUET USE_LOGICAL_TYPE = TRUE",
        "CREATE STAGE IF NOT EXISTS RAW.LEAKPROOF_LAKE URL = 's3://acme-lake/leakproof/' STORAGE_INTEGRATION = LAKE_S3 "
            + "FILE_FORMAT = RAW.LEAKPROOF_LAKE_PARQUET",
        "CREATE TABLE IF NOT EXISTS RAW._LAKE_POSITION (TABLE_NAME VARCHAR NOT NULL PRIMARY KEY, "
            + "SNAPSHOT_ID NUMBER(38,0) NOT NULL, COMMITTED_AT TIMESTAMP_NTZ NOT NULL, "
            + "LOADED_AT TIMESTAMP_NTZ NOT NULL, ROWS_LOADED NUMBER(38,0) NOT NULL)");
    assertThat(loader.readsLocalFiles()).as("Snowflake reads the files in place, through the stage").isFalse();
    assertThat(new SnowflakeLakeLoader(null, LakeStage.of("RAW.LAKE", "s3://b/l/", null)).setupStatements())
        .noneMatch(s -> s.startsWith("CREATE STAGE"));
    assertThat(loader.resetStatements("usage_events", COLUMNS)).containsExactly(
        "CREATE OR REPLACE TABLE RAW.USAGE_EVENTS (EVENT_ID VARCHAR, QUANTITY NUMBER(38,12), "
            + "RECEIVED_AT TIMESTAMP_NTZ, LINE_NO NUMBER(38,0), _LAKE_SNAPSHOT_ID NUMBER(38,0), "
            + "_LAKE_COMMITTED_AT TIMESTAMP_NTZ)",
        "DELETE FROM RAW._LAKE_POSITION WHERE TABLE_NAME = 'USAGE_EVENTS'");
  }

  @Test
  void filesOutsideTheStageAndBadSettingsAreRefusedByName() {
    LakeTableLoader.Commit elsewhere = new LakeTableLoader.Commit(1L, COMMITTED,
        List.of("s3://other-bucket/lake/usage_events/data/x.parquet"));
    assertThatThrownBy(() -> loader.insertStatements("usage_events", COLUMNS, elsewhere))
        .hasMessage("Cannot load s3://other-bucket/lake/usage_events/data/x.parquet through stage "
            + "RAW.LEAKPROOF_LAKE: it is not under s3://acme-lake/leakproof/");
    LakeTableLoader.Commit quoted = new LakeTableLoader.Commit(1L, COMMITTED,
        List.of("s3://acme-lake/leakproof/it's.parquet"));
    assertThatThrownBy(() -> loader.insertStatements("usage_events", COLUMNS, quoted))
        .hasMessageContaining("its path has characters a stage path cannot hold");
    assertThatThrownBy(() -> LakeStage.of("LEAKPROOF_LAKE", "s3://b/l", null))
        .hasMessage("Invalid Snowflake stage name: LEAKPROOF_LAKE (SCHEMA.STAGE, unquoted)");
    assertThatThrownBy(() -> LakeStage.of("RAW.LAKE", "/tmp/lake", null))
        .hasMessageStartingWith("Invalid lake stage URL: /tmp/lake/");
    assertThatThrownBy(() -> SnowflakeLakeLoader.snowflakeType("BLOB"))
        .hasMessage("Cannot load a column of type BLOB into Snowflake");
  }
}
