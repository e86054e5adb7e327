package dev.leakproof.sql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The column types the compiler infers (the manifest's {@code data_type}s, and the types later
 * models are validated against) are the types DuckDB gives the compiled query's columns, as its
 * {@code typeof} reports them.
 */
class InferredTypeOracleTest {

  static final List<String> EXPRESSIONS = List.of(
      // division: DuckDB's / of any two numbers is a DOUBLE (// is integer division)
      "10 / 3", "i / 2", "b / i", "d / 2", "d / i", "d / d", "f / 2", "1.5 / 2.0",
      "(10 / 3)::numeric(16,2)", "cast(i / 3 as decimal(10, 4))", "(d / 3)::decimal(12, 2)",
      // the other arithmetic keeps exact types
      "i + 1", "i * b", "b - 1", "i % 3", "-i", "abs(d)", "d * 2", "d + 1.5", "d * d", "d - i", "2.5 * 2",
      "f * 2", "i + f", "1.5",
      // casts, strings, booleans, dates
      "i::varchar", "cast(d as bigint)", "cast(i as double)", "s || 'x'", "'abc'", "upper(s)",
      "i = 1", "s like 'a%'", "i between 1 and 3", "dt", "ts", "cast(ts as date)", "date '2024-01-01'",
      "coalesce(i, 0)", "case when i > 0 then d else 0 end", "case when i > 0 then 'yes' else 'no' end",
      // aggregates
      "count(*)", "count(i)", "sum(i)", "sum(b)", "sum(d)", "sum(f)", "min(d)", "max(s)", "avg(f)", "avg(i)", "avg(d)");

  /**
   * Known differences, checked to stay as they are: DuckDB narrows a DECIMAL product of two
   * 18-digit-or-less operands to 18 digits (checking for overflow when it computes), where
   * Calcite, like Snowflake, adds the precisions. Only the precision differs: both are DECIMAL
   * with the same scale, which is what the manifest records.
   */
  static final Map<String, String> KNOWN = Map.of(
      "d * 2", "inferred DECIMAL(20,2), DuckDB DECIMAL(18,2)",
      "d * d", "inferred DECIMAL(20,4), DuckDB DECIMAL(18,4)");

  static Connection duckdb;
  static SqlCompiler compiler;

  @BeforeAll
  static void open() throws SQLException {
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duckdb.createStatement()) {
      s.execute("CREATE TABLE t (i INTEGER, b BIGINT, d DECIMAL(10, 2), f DOUBLE, s VARCHAR, dt DATE, ts TIMESTAMP)");
      s.execute("INSERT INTO t VALUES (1, 20, 3.50, 0.25, 'abc', DATE '2024-01-31', TIMESTAMP '2024-01-31 10:00:00')");
    }
    SqlCatalog catalog = new SqlCatalog();
    RelDataTypeFactory f = catalog.typeFactory();
    catalog.define("main", "t", f.builder()
        .add("i", nullable(f, f.createSqlType(SqlTypeName.INTEGER)))
        .add("b", nullable(f, f.createSqlType(SqlTypeName.BIGINT)))
        .add("d", nullable(f, f.createSqlType(SqlTypeName.DECIMAL, 10, 2)))
        .add("f", nullable(f, f.createSqlType(SqlTypeName.DOUBLE)))
        .add("s", nullable(f, f.createSqlType(SqlTypeName.VARCHAR)))
        .add("dt", nullable(f, f.createSqlType(SqlTypeName.DATE)))
        .add("ts", nullable(f, f.createSqlType(SqlTypeName.TIMESTAMP, 6)))
        .build());
    compiler = new SqlCompiler(catalog);
  }

  static RelDataType nullable(RelDataTypeFactory f, RelDataType type) {
    return f.createTypeWithNullability(type, true);
  }

  @AfterAll
  static void close() throws SQLException {
    duckdb.close();
  }

  @Test
  void theQuotientCastToNumericIsDecimal16Comma2() throws Exception {
    RelDataType type = compiler.compile("q.sql", "select (10 / 3)::numeric(16,2) as v", "main", Target.DUCKDB)
        .rowType().getFieldList().get(0).getType();
    assertThat(type.getSqlTypeName()).isEqualTo(SqlTypeName.DECIMAL);
    assertThat(type.getPrecision()).isEqualTo(16);
    assertThat(type.getScale()).isEqualTo(2);
  }

  /** Snowflake's quotient of exact numbers is a NUMBER with 6 more decimals than the dividend: 10 / 3 is 3.333333. */
  @Test
  void snowflakeQuotientsAreNumbersWithSixMoreDecimals() throws Exception {
    for (String[] c : new String[][] {{"10 / 3", "DECIMAL", "6"}, {"d / i", "DECIMAL", "8"}, {"i / d", "DECIMAL", "6"},
        {"f / 2", "DOUBLE", "0"}}) {
      RelDataType type = compiler.compile("q.sql", "select " + c[0] + " as v from t", "main", Target.SNOWFLAKE)
          .rowType().getFieldList().get(0).getType();
      assertThat(type.getSqlTypeName().getName()).as(c[0]).isEqualTo(c[1]);
      assertThat(Math.max(type.getScale(), 0)).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
    }
  }

  @Test
  void everyInferredColumnTypeIsTheTypeDuckDbReturns() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (String expression : EXPRESSIONS) {
      String sql = "select " + expression + " as v from t";
      SqlCompiler.Compiled compiled = compiler.compile("q.sql", sql, "main", Target.DUCKDB);
      String inferred = duckDbName(compiled.rowType().getFieldList().get(0).getType());
      String actual;
      try (Statement s = duckdb.createStatement();
          ResultSet rs = s.executeQuery("select typeof(v) from (" + compiled.sql() + ") as q")) {
        rs.next();
        actual = rs.getString(1);
      }
      // DuckDB sums integers into a HUGEINT, which Leakproof reads back as BIGINT (WarehouseTypes)
      actual = actual.equals("HUGEINT") ? "BIGINT" : actual;
      String difference = "inferred " + inferred + ", DuckDB " + actual;
      if (KNOWN.containsKey(expression) ? !KNOWN.get(expression).equals(difference) : !inferred.equals(actual)) {
        mismatches.add(expression + ": " + difference);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** A Calcite type in the words of DuckDB's {@code typeof}. */
  static String duckDbName(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    if (name == SqlTypeName.DECIMAL) {
      return "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")";
    }
    if (name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR) {
      return "VARCHAR";
    }
    if (name == SqlTypeName.TIMESTAMP) {
      return "TIMESTAMP";
    }
    return name.getName().toUpperCase(Locale.ROOT);
  }
}
