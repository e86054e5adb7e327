package dev.leakproof.sql.compile;

import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The dialects a validated model is printed in. They extend Calcite's DuckDB and Snowflake
 * dialects with the constructs where the two warehouses differ and Calcite's defaults are not
 * valid SQL for them: date arithmetic ({@code TIMESTAMPADD}, {@code TIMESTAMPDIFF}), ordered
 * string aggregation ({@code LISTAGG ... WITHIN GROUP}), and identifier case.
 */
public final class LeakproofDialects {

  public static final SqlDialect DUCKDB = new DuckDb();
  public static final SqlDialect SNOWFLAKE = new Snowflake();

  private LeakproofDialects() {}

  private static final class DuckDb extends DuckDBSqlDialect {
    DuckDb() {
      super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (isInfixCast(call)) {
        unparseCall(writer, standardCast(call), leftPrec, rightPrec);
      } else if (isGenerateSeries(call)) {
        // DuckDB calls table functions in FROM without TABLE(...)
        call.operand(0).unparse(writer, 0, 0);
      } else if (call.getOperator() == PortableOperators.DATE_ADD) {
        unparseDateAdd(writer, call);
      } else if (call.getOperator() == PortableOperators.DATE_TRUNC_TO_DATE) {
        // DuckDB's date_trunc of a DATE is a TIMESTAMP: cast it back
        writer.print("CAST(DATE_TRUNC(");
        call.operand(0).unparse(writer, 0, 0);
        writer.print(", ");
        call.operand(1).unparse(writer, 0, 0);
        writer.print(") AS DATE)");
      } else if (call.getKind() == SqlKind.TIMESTAMP_ADD) {
        writer.print("(");
        call.operand(2).unparse(writer, 0, 0);
        writer.print(" + INTERVAL (");
        call.operand(1).unparse(writer, 0, 0);
        writer.print(") " + unit(call.operand(0)).name() + ")");
      } else if (call.getKind() == SqlKind.TIMESTAMP_DIFF) {
        function(writer, "DATE_DIFF", "'" + unit(call.operand(0)).name().toLowerCase(Locale.ROOT) + "'", call.operand(1),
            call.operand(2));
      } else if (call.getKind() == SqlKind.WITHIN_GROUP && call.operand(0).getKind() == SqlKind.LISTAGG) {
        unparseStringAgg(writer, call);
      } else if (!unparseBetween(writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }

    @Override
    public boolean supportsCharSet() {
      return false;
    }

    private static void unparseDateAdd(SqlWriter writer, SqlCall call) {
      TimeUnit unit = unit(call.operand(0));
      SqlNode n = call.operand(1);
      SqlNode date = call.operand(2);
      switch (unit) {
        case DAY, WEEK -> {
          writer.print("(");
          date.unparse(writer, 0, 0);
          writer.print(" + CAST(");
          n.unparse(writer, 0, 0);
          writer.print(unit == TimeUnit.WEEK ? " AS INTEGER) * 7)" : " AS INTEGER))");
        }
        case MONTH, QUARTER, YEAR -> {
          writer.print("CAST(");
          date.unparse(writer, 0, 0);
          writer.print(" + INTERVAL (");
          n.unparse(writer, 0, 0);
          writer.print(") " + (unit == TimeUnit.QUARTER ? "MONTH * 3" : unit.name()) + " AS DATE)");
        }
        default -> throw new IllegalArgumentException("Cannot add " + unit + " to a DATE");
      }
    }

    private static void unparseStringAgg(SqlWriter writer, SqlCall withinGroup) {
      SqlCall agg = withinGroup.operand(0);
      SqlNodeList order = withinGroup.operand(1);
      writer.print("STRING_AGG(");
      agg.operand(0).unparse(writer, 0, 0);
      writer.print(", ");
      if (agg.operandCount() > 1) {
        agg.operand(1).unparse(writer, 0, 0);
      } else {
        writer.print("','");
      }
      writer.print(" ORDER BY ");
      for (int i = 0; i < order.size(); i++) {
        if (i > 0) {
          writer.print(", ");
        }
        order.get(i).unparse(writer, 0, 0);
      }
      writer.print(")");
    }
  }

  private static final class Snowflake extends SnowflakeSqlDialect {
    Snowflake() {
      super(SnowflakeSqlDialect.DEFAULT_CONTEXT);
    }

    /** Snowflake folds unquoted names to upper case: quoted names are printed that way. */
    @Override
    public StringBuilder quoteIdentifier(StringBuilder buf, String val) {
      return super.quoteIdentifier(buf, val.toUpperCase(Locale.ROOT));
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (isInfixCast(call)) {
        unparseCall(writer, standardCast(call), leftPrec, rightPrec);
      } else if (isGenerateSeries(call)) {
        unparseGenerator(writer, call.operand(0));
      } else if (call.getOperator() == PortableOperators.DATE_ADD || call.getKind() == SqlKind.TIMESTAMP_ADD) {
        function(writer, "DATEADD", unit(call.operand(0)).name(), call.operand(1), call.operand(2));
      } else if (call.getKind() == SqlKind.TIMESTAMP_DIFF) {
        function(writer, "DATEDIFF", unit(call.operand(0)).name(), call.operand(1), call.operand(2));
      } else if (!unparseBetween(writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }

    @Override
    public boolean supportsCharSet() {
      return false;
    }
  }

  /** {@code generate_series(...)} in FROM (Calcite wraps it in TABLE(...)). */
  private static boolean isGenerateSeries(SqlCall call) {
    return call.getKind() == SqlKind.COLLECTION_TABLE && call.operand(0) instanceof SqlCall inner
        && inner.getOperator() == LeakproofOperators.GENERATE_SERIES;
  }

  /**
   * Snowflake has no generate_series: the same rows from its GENERATOR, numbered gap-free
   * (SEQ4 alone may skip values), {@code start + (n - 1) * step} for n up to the row count.
   */
  private static void unparseGenerator(SqlWriter writer, SqlCall series) {
    SqlNode start = series.operand(0);
    SqlNode stop = series.operand(1);
    SqlNode step = series.operandCount() > 2 ? series.operand(2) : null;
    writer.print("(SELECT ");
    start.unparse(writer, 0, 0);
    writer.print(" + (ROW_NUMBER() OVER (ORDER BY SEQ4()) - 1)");
    if (step != null) {
      writer.print(" * ");
      step.unparse(writer, 0, 0);
    }
    writer.print(" AS \"GENERATE_SERIES\" FROM TABLE(GENERATOR(ROWCOUNT => GREATEST(0, FLOOR((");
    stop.unparse(writer, 0, 0);
    writer.print(" - ");
    start.unparse(writer, 0, 0);
    writer.print(")");
    if (step != null) {
      writer.print(" / ");
      step.unparse(writer, 0, 0);
    }
    writer.print(") + 1))))");
  }

  /**
   * Whether {@code call} is the PostgreSQL-style {@code x::t}. Calcite prints that operator's
   * operand with precedence 0, dropping the parentheses of {@code (10 / 3)::numeric(16, 2)} so
   * that the cast applies to {@code 3} alone; both dialects print it as {@code CAST(x AS t)}.
   */
  private static boolean isInfixCast(SqlCall call) {
    return call.getKind() == SqlKind.CAST && call.getOperator() != SqlStdOperatorTable.CAST;
  }

  /** {@code x::t} as {@code CAST(x AS t)}, a function call, whose operand needs no parentheses. */
  private static SqlCall standardCast(SqlCall call) {
    return SqlStdOperatorTable.CAST.createCall(call.getParserPosition(), call.getOperandList());
  }

  /**
   * {@code a BETWEEN b AND c}: Calcite prints the SQL:2003 {@code BETWEEN ASYMMETRIC}, which
   * neither DuckDB nor Snowflake parses. Symmetric BETWEEN is left to Calcite (it is rare).
   */
  private static boolean unparseBetween(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() != SqlKind.BETWEEN
        || ((org.apache.calcite.sql.fun.SqlBetweenOperator) call.getOperator()).flag
            != org.apache.calcite.sql.fun.SqlBetweenOperator.Flag.ASYMMETRIC) {
      return false;
    }
    SqlWriter.Frame frame = writer.startList("(", ")");
    call.operand(0).unparse(writer, 0, 0);
    writer.sep(((org.apache.calcite.sql.fun.SqlBetweenOperator) call.getOperator()).isNegated()
        ? "NOT BETWEEN" : "BETWEEN");
    call.operand(1).unparse(writer, 0, 0);
    writer.sep("AND");
    call.operand(2).unparse(writer, 0, 0);
    writer.endList(frame);
    return true;
  }

  /** {@code NAME(first, a, b)}: a function call whose first argument is printed as given. */
  private static void function(SqlWriter writer, String name, String first, SqlNode a, SqlNode b) {
    SqlWriter.Frame frame = writer.startFunCall(name);
    writer.print(first);
    writer.sep(",", true);
    a.unparse(writer, 0, 0);
    writer.sep(",", true);
    b.unparse(writer, 0, 0);
    writer.endFunCall(frame);
  }

  private static TimeUnit unit(SqlNode qualifier) {
    if (qualifier instanceof SqlIntervalQualifier q) {
      return q.getStartUnit();
    }
    if (qualifier instanceof org.apache.calcite.sql.SqlLiteral literal) {
      TimeUnit unit = literal.getValueAs(TimeUnit.class);
      if (unit != null) {
        return unit;
      }
    }
    throw new IllegalArgumentException("Invalid time unit: " + qualifier);
  }
}
