package dev.leakproof.sql.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The constructs where DuckDB and Snowflake differ: each query is validated by Calcite, printed
 * for both, and the DuckDB text is run to check it means what the model says.
 */
class DialectConstructsTest {

  @TempDir Path tmp;
  DuckDbWarehouse duckdb;
  SqlCompiler compiler;

  @BeforeEach
  void setUp() throws Exception {
    duckdb = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve("d.duckdb"), "512MB", 1));
    duckdb.execute("CREATE SCHEMA raw");
    duckdb.execute("CREATE TABLE raw.t (id INTEGER, g VARCHAR, amount DECIMAL(10,2), d DATE, ts TIMESTAMP)");
    duckdb.execute("INSERT INTO raw.t VALUES (1, 'a', 10.50, DATE '2026-01-31', TIMESTAMP '2026-01-31 10:00:00'), "
        + "(2, 'a', 4.25, DATE '2026-03-17', TIMESTAMP '2026-03-17 23:30:00'), "
        + "(3, 'b', 7.00, DATE '2024-02-29', TIMESTAMP '2024-02-29 00:00:00')");
    SqlCatalog catalog = new SqlCatalog();
    RelDataTypeFactory f = catalog.typeFactory();
    catalog.define("raw", "t", WarehouseTypes.rowType(f, duckdb.columns("raw", "t")));
    compiler = new SqlCompiler(catalog);
  }

  @AfterEach
  void tearDown() throws Exception {
    duckdb.close();
  }

  String duck(String sql) throws Exception {
    return compiler.compile("q.sql", sql, "raw", Target.DUCKDB).sql();
  }

  String snow(String sql) throws Exception {
    return compiler.compile("q.sql", sql, "raw", Target.SNOWFLAKE).sql();
  }

  List<String> run(String sql) throws Exception {
    return duckdb.query(duck(sql)).stream().map(r -> String.join("|", r.values().stream().map(String::valueOf).toList()))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // date_trunc of a DATE stays a DATE in both
      "select date_trunc('month', d) as m from t where id = 2; 2026-03-01; DATE_TRUNC('month', \"T\".\"D\")",
      // dateadd (dbt.dateadd renders timestampadd): end of month clamps
      "select timestampadd(month, 1, d) as m from t where id = 1; 2026-02-28; DATEADD(MONTH, 1, \"T\".\"D\")",
      "select timestampadd(day, 3, d) as m from t where id = 3; 2024-03-03; DATEADD(DAY, 3, \"T\".\"D\")",
      // interval arithmetic on dates and timestamps
      "select d + interval '1' month as m from t where id = 1; 2026-02-28; DATEADD(MONTH, 1, \"T\".\"D\")",
      "select d - interval '2' day as m from t where id = 3; 2024-02-27; DATEADD(DAY, -2, \"T\".\"D\")",
      "select ts + interval '3' hour as m from t where id = 2; 2026-03-18 02:30:00.0; DATEADD(HOUR, 3, \"T\".\"TS\")",
      "select timestampdiff(day, d, date '2026-06-15') as n from t where id = 1; 135; DATEDIFF(DAY, \"T\".\"D\", DATE '2026-06-15')",
      // casts, the :: shorthand included
      "select cast(amount as varchar) as a, id::varchar as b from t where id = 2; 4.25|2; CAST(\"T\".\"AMOUNT\" AS VARCHAR)",
      "select cast(amount * 3 as decimal(10, 1)) as a from t where id = 2; 12.8; CAST(\"T\".\"AMOUNT\" * 3 AS DECIMAL(10, 1))",
      // :: binds tighter than any other operator, and a parenthesized operand stays one
      "select id from t where d >= '2026-03-01'::date; 2; \"T\".\"D\" >= CAST('2026-03-01' AS DATE)",
      "select (10 / 3)::numeric(16,2) as q, 10 - 2.5::integer as r from t where id = 1; 3.33|7; CAST(10 / 3 AS DECIMAL(16, 2)) AS \"Q\", 10 - CAST(2.5 AS INTEGER) AS \"R\"",
      // ordered string aggregation
      "select listagg(g, ',') within group (order by id desc) as l from t; b,a,a; LISTAGG(\"T\".\"G\", ',') WITHIN GROUP (ORDER BY \"T\".\"ID\" DESC)",
      // QUALIFY
      "select id, g from t qualify row_number() over (partition by g order by id desc) = 1 order by id; 2|a; QUALIFY (ROW_NUMBER() OVER (PARTITION BY \"T\".\"G\" ORDER BY \"T\".\"ID\" DESC)) = 1",
      // lateral column aliases are inlined
      "select amount * 2 as doubled, doubled + 1 as plus_one from t where id = 1; 21.00|22.00; \"T\".\"AMOUNT\" * 2 + 1 AS \"PLUS_ONE\"",
      // Snowflake's and PostgreSQL's spellings, as real dbt models write them
      "select dateadd(month, 1, d) as m from t where id = 1; 2026-02-28; DATEADD(MONTH, 1, \"T\".\"D\")",
      "select dateadd(day, -2, d) as m from t where id = 3; 2024-02-27; DATEADD(DAY, -2, \"T\".\"D\")",
      "select datediff(day, d, date '2026-06-15') as n from t where id = 1; 135; DATEDIFF(DAY, \"T\".\"D\", DATE '2026-06-15')",
      "select datediff(month, d, date '2026-06-15') as n from t where id = 1; 5; DATEDIFF(MONTH, \"T\".\"D\", DATE '2026-06-15')",
      "select iff(amount > 5, 'big', 'small') as s from t where id = 2; small; CASE WHEN \"T\".\"AMOUNT\" > 5 THEN 'big' ELSE 'small' END",
      "select nvl(cast(null as varchar), g) as s, ifnull(g, 'none') as n from t where id = 3; b|b; COALESCE(CAST(NULL AS VARCHAR), \"T\".\"G\")",
      "select nvl2(g, 'has', 'none') as s, zeroifnull(cast(null as integer)) as z from t where id = 1; has|0; CASE WHEN \"T\".\"G\" IS NOT NULL THEN 'has' ELSE 'none' END",
      "select id::string as a, amount::text as b from t where id = 2; 2|4.25; CAST(\"T\".\"ID\" AS VARCHAR) AS \"A\"",
      "select listagg(g, '-') as l from (select g from t where id < 3) as x; a-a; LISTAGG(\"X\".\"G\", '-')",
      "select id from t where g ilike 'A' order by id; 1; \"T\".\"G\" ILIKE 'A'",
      "select id, null as nothing from t where id = 1; 1|null; NULL AS \"NOTHING\"",
      "select date_trunc('month', '2024-02-29'::date) as m from t where id = 1; 2024-02-01; DATE_TRUNC('month', CAST('2024-02-29' AS DATE))",
      "select count(*) as c, sum(n) as s from generate_series(1, 3) as s(n); 3|6; TABLE(GENERATOR(ROWCOUNT => GREATEST(0, FLOOR((3 - 1) ) + 1)))",
      "select count(*) as c, sum(n) as s from generate_series(0, 10, 5) as s(n); 3|15; ROW_NUMBER() OVER (ORDER BY SEQ4()) - 1) * 5",
      // GROUP BY an alias and an ordinal
      "select g as grp, count(*) as n from t group by grp order by 1; a|2; GROUP BY \"T\".\"G\"",
  })
  void printsEachDialectsFormAndDuckDbAgreesWithTheModel(String sql, String duckdbRows, String snowflakeFragment)
      throws Exception {
    List<String> rows = run(sql);
    assertThat(String.join(";", rows)).startsWith(duckdbRows.split(";")[0]);
    assertThat(snow(sql).replaceAll("\\s+", " ")).contains(snowflakeFragment);
  }

  @Test
  void identifiersAreQuotedInEachDialectsCase() throws Exception {
    String sql = "select Id as order_id, \"amount\" from raw.T";
    // names resolve case-insensitively to the catalog's; DuckDB keeps them, Snowflake folds to upper case
    assertThat(duck(sql)).contains("\"t\".\"id\" AS \"order_id\"", "FROM \"raw\".\"t\"");
    assertThat(snow(sql)).contains("\"T\".\"ID\" AS \"ORDER_ID\"", "FROM \"RAW\".\"T\"");
    assertThat(run(sql)).containsExactly("1|10.50", "2|4.25", "3|7.00");
  }

  @Test
  void unknownColumnsAndTypeErrorsAreReportedWithTheirPosition() {
    assertThatThrownBy(() -> duck("select id,\n  nope from t")).isInstanceOf(CompileException.class)
        .hasMessage("q.sql:2:3: Column 'nope' not found in any table");
    assertThatThrownBy(() -> duck("select id from t where d = 'x' and amount > true"))
        .isInstanceOf(CompileException.class).hasMessageContaining("q.sql:1:");
    assertThatThrownBy(() -> duck("select unknown_function(id) from t")).isInstanceOf(CompileException.class)
        .hasMessageContaining("No match found for function signature unknown_function");
  }
}
