package dev.leakproof.sql.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.Warehouse.ColumnInfo;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * The warehouse's SQL and row handling, run against DuckDB standing in for Snowflake (both have
 * information_schema.columns; DuckDB's lives in the database named {@code system}): no Snowflake
 * connection is opened in this JVM.
 */
class SnowflakeWarehouseTest {

  @Test
  void numberTypesCarryPrecisionAndScaleLikeSnowflakesDdl() {
    assertThat(SnowflakeWarehouse.typeName("NUMBER", 38, 2)).isEqualTo("NUMBER(38,2)");
    assertThat(SnowflakeWarehouse.typeName("NUMBER", 38L, 0L)).isEqualTo("NUMBER(38,0)");
    assertThat(SnowflakeWarehouse.typeName("number", 10, null)).isEqualTo("NUMBER(10,0)");
    assertThat(SnowflakeWarehouse.typeName("NUMBER", null, null)).isEqualTo("NUMBER");
    assertThat(SnowflakeWarehouse.typeName("TEXT", null, null)).isEqualTo("TEXT");
    assertThat(SnowflakeWarehouse.typeName("TIMESTAMP_NTZ", null, null)).isEqualTo("TIMESTAMP_NTZ");
  }

  @Test
  void theTypesSnowflakeReportsForModelColumnsMapToCalcite() {
    SqlTypeFactoryImpl factory = new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
    Map<String, SqlTypeName> expected = new LinkedHashMap<>();
    expected.put("NUMBER(38,0)", SqlTypeName.DECIMAL);
    expected.put("NUMBER(12,2)", SqlTypeName.DECIMAL);
    expected.put("FLOAT", SqlTypeName.DOUBLE);
    expected.put("TEXT", SqlTypeName.VARCHAR);
    expected.put("BOOLEAN", SqlTypeName.BOOLEAN);
    expected.put("DATE", SqlTypeName.DATE);
    expected.put("TIME", SqlTypeName.TIME);
    expected.put("TIMESTAMP_NTZ", SqlTypeName.TIMESTAMP);
    expected.put("TIMESTAMP_LTZ", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    expected.put("TIMESTAMP_TZ", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    expected.forEach((type, calcite) ->
        assertThat(WarehouseTypes.type(factory, type).getSqlTypeName()).as(type).isEqualTo(calcite));
    assertThat(WarehouseTypes.type(factory, "NUMBER(12,2)").getScale()).isEqualTo(2);
  }

  @Test
  void databaseNamesAreQuotedOnlyWhenSnowflakeWouldMisreadThem() {
    assertThat(SnowflakeWarehouse.identifier("ANALYTICS")).isEqualTo("ANALYTICS");
    assertThat(SnowflakeWarehouse.identifier("raw_2024")).isEqualTo("raw_2024");
    assertThat(SnowflakeWarehouse.identifier("my-db")).isEqualTo("\"my-db\"");
    assertThat(SnowflakeWarehouse.identifier("a\"b")).isEqualTo("\"a\"\"b\"");
  }

  @Test
  void columnsMatchNamesCaseInsensitivelyInTheProfilesDatabase() throws Exception {
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:")) {
      SnowflakeWarehouse w = new SnowflakeWarehouse(duckDb, "system", "LEAKPROOF");
      w.execute("CREATE SCHEMA leakproof");
      w.execute("CREATE TABLE leakproof.invoices (ID VARCHAR NOT NULL, amount DECIMAL(12,2), issued DATE)");

      assertThat(w.target()).isEqualTo(Target.SNOWFLAKE);
      assertThat(w.defaultSchema()).isEqualTo("LEAKPROOF");
      assertThat(w.columns("LEAKPROOF", "INVOICES")).containsExactly(
          new ColumnInfo("ID", "VARCHAR", false),
          new ColumnInfo("amount", "DECIMAL(12,2)", true),
          new ColumnInfo("issued", "DATE", true));
      assertThat(w.columns("leakproof", "missing")).isEmpty();
    }
  }

  @Test
  void queryRowsAreOrderedMapsWithLowerCaseLabels() throws Exception {
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:")) {
      SnowflakeWarehouse w = new SnowflakeWarehouse(duckDb, "system", "PUBLIC");

      List<Map<String, Object>> rows = w.query("SELECT 2 AS \"ZED\", 'x' AS Alpha UNION ALL SELECT 1, 'y' ORDER BY 1");

      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).keySet()).containsExactly("zed", "alpha");
      assertThat(rows.get(0)).containsEntry("zed", 1).containsEntry("alpha", "y");
      w.close();
      assertThat(duckDb.isClosed()).isTrue();
    }
  }
}
