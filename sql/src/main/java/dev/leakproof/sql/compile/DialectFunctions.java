package dev.leakproof.sql.compile;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Snowflake's and PostgreSQL's spellings that dbt models use, put in the standard form both
 * target dialects print in their own words, before validation: {@code DATEADD(month, 1, d)} as
 * {@code TIMESTAMPADD}, {@code DATEDIFF(day, a, b)} as {@code TIMESTAMPDIFF},
 * {@code IFF(c, a, b)} as {@code CASE}, {@code NVL}/{@code IFNULL} as {@code COALESCE},
 * {@code NVL2}, {@code ZEROIFNULL}, the types {@code STRING}/{@code TEXT} as {@code VARCHAR}
 * (and {@code NUMBER}, {@code INT8}, {@code FLOAT8}, {@code BOOL}, {@code DATETIME},
 * {@code TIMESTAMP_NTZ}), and a bare {@code NULL} select item as an untyped NULL that both
 * warehouses type themselves.
 */
final class DialectFunctions extends SqlShuttle {

  /**
   * A select list's bare {@code NULL}: Calcite rejects it ("Illegal use of NULL"), DuckDB and
   * Snowflake type it themselves; validated as Calcite's NULL type, printed as {@code NULL}.
   */
  static final SqlFunction UNTYPED_NULL = new SqlFunction("LP_UNTYPED_NULL", SqlKind.OTHER_FUNCTION,
      opBinding -> opBinding.getTypeFactory().createTypeWithNullability(
          opBinding.getTypeFactory().createSqlType(SqlTypeName.NULL), true), null, OperandTypes.NILADIC,
      SqlFunctionCategory.SYSTEM) {
    @Override
    public void unparse(org.apache.calcite.sql.SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      writer.keyword("NULL");
    }

    @Override
    public RelDataType deriveType(org.apache.calcite.sql.validate.SqlValidator validator,
        org.apache.calcite.sql.validate.SqlValidatorScope scope, SqlCall call) {
      return validator.getTypeFactory().createTypeWithNullability(
          validator.getTypeFactory().createSqlType(SqlTypeName.NULL), true);
    }
  };

  static SqlNode rewrite(SqlNode node) {
    return node == null ? null : node.accept(new DialectFunctions());
  }

  @Override
  public SqlNode visit(SqlCall call) {
    if (call instanceof SqlSelect select && select.getSelectList() != null) {
      SqlNodeList items = select.getSelectList();
      for (int i = 0; i < items.size(); i++) {
        SqlNode item = items.get(i);
        if (isNullLiteral(item)) {
          items.set(i, UNTYPED_NULL.createCall(item.getParserPosition()));
        } else if (item instanceof SqlCall as && as.getKind() == SqlKind.AS && isNullLiteral(as.operand(0))) {
          as.setOperand(0, UNTYPED_NULL.createCall(as.operand(0).getParserPosition()));
        }
      }
    }
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall c)) {
      return visited;
    }
    SqlParserPos pos = c.getParserPosition();
    if (c.getOperator() == SqlLibraryOperators.DATEADD && c.operandCount() == 3) {
      return SqlStdOperatorTable.TIMESTAMP_ADD.createCall(pos, c.getOperandList());
    }
    if (c.getOperator() == SqlLibraryOperators.DATEDIFF && c.operandCount() == 3) {
      return SqlStdOperatorTable.TIMESTAMP_DIFF.createCall(pos, c.getOperandList());
    }
    if (c.getOperator().getKind() != SqlKind.OTHER_FUNCTION || c.getOperator().getName() == null) {
      return c;
    }
    List<SqlNode> a = c.getOperandList();
    return switch (c.getOperator().getName().toUpperCase(Locale.ROOT)) {
      case "IFF" -> a.size() != 3 ? c
          : new SqlCase(pos, null, SqlNodeList.of(a.get(0)), SqlNodeList.of(a.get(1)), a.get(2));
      case "NVL", "IFNULL" -> a.size() != 2 ? c : SqlStdOperatorTable.COALESCE.createCall(pos, a);
      case "NVL2" -> a.size() != 3 ? c : new SqlCase(pos, null,
          SqlNodeList.of(SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, a.get(0))), SqlNodeList.of(a.get(1)),
          a.get(2));
      case "ZEROIFNULL" -> a.size() != 1 ? c
          : SqlStdOperatorTable.COALESCE.createCall(pos, a.get(0), SqlLiteral.createExactNumeric("0", pos));
      default -> c;
    };
  }

  private static boolean isNullLiteral(SqlNode node) {
    return node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.NULL;
  }

  @Override
  public SqlNode visit(SqlDataTypeSpec type) {
    if (!(type.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named)) {
      return type;
    }
    SqlParserPos pos = type.getParserPosition();
    SqlTypeName standard = switch (named.getTypeName().getSimple().toUpperCase(Locale.ROOT)) {
      case "STRING", "TEXT" -> SqlTypeName.VARCHAR;
      case "NUMBER" -> SqlTypeName.DECIMAL;
      case "INT8", "LONG" -> SqlTypeName.BIGINT;
      case "INT4" -> SqlTypeName.INTEGER;
      case "INT2" -> SqlTypeName.SMALLINT;
      case "FLOAT8", "FLOAT64" -> SqlTypeName.DOUBLE;
      case "FLOAT4" -> SqlTypeName.REAL;
      case "BOOL" -> SqlTypeName.BOOLEAN;
      case "DATETIME", "TIMESTAMP_NTZ" -> SqlTypeName.TIMESTAMP;
      default -> null;
    };
    if (standard == null) {
      return type;
    }
    SqlBasicTypeNameSpec spec = standard == SqlTypeName.DECIMAL
        ? new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 0, pos) : new SqlBasicTypeNameSpec(standard, pos);
    return new SqlDataTypeSpec(spec, type.getTimeZone(), type.getNullable(), pos);
  }
}
