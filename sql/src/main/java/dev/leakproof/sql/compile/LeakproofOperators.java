package dev.leakproof.sql.compile;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Functions models may call that Calcite's standard and PostgreSQL tables lack in the form
 * DuckDB and Snowflake share: {@code date_trunc('month', d)} (the part first, the result of the
 * argument's type).
 */
final class LeakproofOperators {

  /** {@code date_trunc('part', date_or_timestamp)}. */
  static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG1_NULLABLE, null, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
      SqlFunctionCategory.TIMEDATE);

  static final SqlOperatorTable TABLE = SqlOperatorTables.of(DATE_TRUNC);

  private LeakproofOperators() {}
}
