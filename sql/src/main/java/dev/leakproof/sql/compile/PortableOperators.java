package dev.leakproof.sql.compile;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Operators the compiler puts in place of standard calls once it knows their operand types, so
 * each dialect can print them in its own words: adding an interval to a DATE stays a DATE in
 * every warehouse only if each is told how.
 */
final class PortableOperators {

  /** {@code TIMESTAMPADD(unit, n, d)} where {@code d} is a DATE; operands as in TIMESTAMPADD. */
  static final SqlFunction DATE_ADD = new SqlFunction("LP_DATE_ADD", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG2_NULLABLE, null, OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.ANY, org.apache.calcite.sql.type.SqlTypeFamily.ANY, org.apache.calcite.sql.type.SqlTypeFamily.ANY), SqlFunctionCategory.TIMEDATE);

  /** {@code DATE_TRUNC('part', d)} where {@code d} is a DATE: the result stays a DATE. */
  static final SqlFunction DATE_TRUNC_TO_DATE = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG1_NULLABLE, null, OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.ANY, org.apache.calcite.sql.type.SqlTypeFamily.ANY), SqlFunctionCategory.TIMEDATE);

  private PortableOperators() {}
}
