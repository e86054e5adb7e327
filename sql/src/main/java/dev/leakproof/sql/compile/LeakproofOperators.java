package dev.leakproof.sql.compile;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Functions models may call that Calcite's standard and PostgreSQL tables lack in the form
 * DuckDB and Snowflake share: {@code date_trunc('month', d)} (the part first, the result of the
 * argument's type); and division typed as each warehouse types it.
 */
final class LeakproofOperators {

  /** {@code date_trunc('part', date_or_timestamp)}. */
  static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG1_NULLABLE, null, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
      SqlFunctionCategory.TIMEDATE);

  /**
   * PostgreSQL's and DuckDB's {@code generate_series(start, stop [, step])} in FROM: the integers
   * from start to stop inclusive, one column {@code generate_series}. Snowflake has none: its
   * dialect prints a GENERATOR row source of the same rows.
   */
  static final SqlFunction GENERATE_SERIES = new GenerateSeries();

  static final SqlOperatorTable TABLE = SqlOperatorTables.of(DATE_TRUNC, DialectFunctions.UNTYPED_NULL,
      GENERATE_SERIES);

  private static final class GenerateSeries extends SqlFunction implements org.apache.calcite.sql.SqlTableFunction {
    GenerateSeries() {
      super("GENERATE_SERIES", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
          OperandTypes.or(OperandTypes.family(SqlTypeFamily.EXACT_NUMERIC, SqlTypeFamily.EXACT_NUMERIC),
              OperandTypes.family(SqlTypeFamily.EXACT_NUMERIC, SqlTypeFamily.EXACT_NUMERIC,
                  SqlTypeFamily.EXACT_NUMERIC)),
          SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
      return opBinding -> opBinding.getTypeFactory().builder()
          .add("generate_series", SqlTypeName.BIGINT).build();
    }
  }

  /** DuckDB's {@code a / b}: a DOUBLE for any two numbers (integer division is {@code //}). */
  static final SqlBinaryOperator DUCKDB_DIVIDE = divide(opBinding -> {
    RelDataType a = opBinding.getOperandType(0);
    RelDataType b = opBinding.getOperandType(1);
    if (!SqlTypeUtil.isNumeric(a) || !SqlTypeUtil.isNumeric(b)) {
      return null;
    }
    return opBinding.getTypeFactory().createSqlType(SqlTypeName.DOUBLE);
  });

  /**
   * Snowflake's {@code a / b} of exact numbers: a NUMBER whose scale is the dividend's plus 6, at
   * most 12 (never less than the dividend's), with the dividend's integer digits plus the
   * divisor's scale ({@code 10 / 3} is 3.333333); a DOUBLE when either is approximate.
   */
  static final SqlBinaryOperator SNOWFLAKE_DIVIDE = divide(opBinding -> {
    RelDataType a = opBinding.getOperandType(0);
    RelDataType b = opBinding.getOperandType(1);
    if (!SqlTypeUtil.isNumeric(a) || !SqlTypeUtil.isNumeric(b)) {
      return null;
    }
    RelDataTypeFactory f = opBinding.getTypeFactory();
    if (SqlTypeUtil.isApproximateNumeric(a) || SqlTypeUtil.isApproximateNumeric(b)) {
      return f.createSqlType(SqlTypeName.DOUBLE);
    }
    int scale = Math.max(a.getScale(), Math.min(a.getScale() + 6, 12));
    int digits = a.getPrecision() - a.getScale() + b.getScale();
    return f.createSqlType(SqlTypeName.DECIMAL, Math.min(38, digits + scale), scale);
  });

  /** {@code /} as Calcite's, with the result type {@code numbers} gives two numbers. */
  private static SqlBinaryOperator divide(SqlReturnTypeInference numbers) {
    SqlReturnTypeInference type = ((SqlReturnTypeInference) opBinding -> {
      RelDataType t = numbers.inferReturnType(opBinding);
      return t == null ? null : opBinding.getTypeFactory().createTypeWithNullability(t,
          opBinding.getOperandType(0).isNullable() || opBinding.getOperandType(1).isNullable());
    }).orElse(ReturnTypes.QUOTIENT_NULLABLE);
    return new SqlBinaryOperator("/", SqlKind.DIVIDE, 60, true, type, InferTypes.FIRST_KNOWN,
        OperandTypes.DIVISION_OPERATOR);
  }

  private LeakproofOperators() {}
}
