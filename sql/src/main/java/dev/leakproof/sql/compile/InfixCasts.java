package dev.leakproof.sql.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Gives {@code x::t} the precedence it has in PostgreSQL, DuckDB and Snowflake: tighter than
 * every other operator, so {@code a - b::int} is {@code a - (b::int)}.
 *
 * <p>Calcite's Babel parser applies {@code ::} to the whole expression parsed so far on its
 * left: it reads {@code a - b::int} as {@code (a - b)::int} and {@code d >= '2024-01-01'::date}
 * as {@code (d >= '2024-01-01')::date}. The tree of {@code (a - b)::int} is the same, so the
 * source text decides: a cast whose operand is an operator call not enclosed, as a whole, in
 * parentheses is moved onto that call's last operand, and so on down.
 */
final class InfixCasts extends SqlShuttle {

  private final String sql;
  private final int[] lineStarts;

  private InfixCasts(String sql) {
    this.sql = sql;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code tree}, parsed from {@code sql}, with each {@code ::} applied to its own operand. */
  static SqlNode reassociate(SqlNode tree, String sql) {
    return sql.contains("::") ? tree.accept(new InfixCasts(sql)) : tree;
  }

  @Override
  public SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (visited instanceof SqlCall c && isInfixCast(c)) {
      return reassociate(c);
    }
    return visited;
  }

  private static boolean isInfixCast(SqlCall call) {
    return call.getKind() == SqlKind.CAST && call.getOperator() == SqlLibraryOperators.INFIX_CAST;
  }

  private SqlNode reassociate(SqlCall cast) {
    SqlNode operand = cast.operand(0);
    if (operand instanceof SqlNumericLiteral number && signed(number)) {
      // the parser folds -7 into one literal: -7::varchar is -(7::varchar), as in DuckDB
      SqlNode positive = SqlLiteral.createNegative(number, number.getParserPosition());
      return SqlStdOperatorTable.UNARY_MINUS.createCall(number.getParserPosition(), cast(positive, cast.operand(1)));
    }
    if (!(operand instanceof SqlBasicCall call) || !takesTrailingOperand(call) || enclosed(call)) {
      return cast;
    }
    List<SqlNode> operands = new ArrayList<>(call.getOperandList());
    int last = operands.size() - 1;
    operands.set(last, reassociate(cast(operands.get(last), cast.operand(1))));
    return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(), operands);
  }

  /** {@code operand::type}, positioned from the operand to the type (messages point there). */
  private static SqlCall cast(SqlNode operand, SqlNode type) {
    return SqlLibraryOperators.INFIX_CAST.createCall(operand.getParserPosition().plus(type.getParserPosition()),
        operand, type);
  }

  /** A prefix or infix operator whose last operand is a scalar expression a cast could end. */
  private static boolean takesTrailingOperand(SqlBasicCall call) {
    SqlOperator op = call.getOperator();
    boolean operator = op.getSyntax() == SqlSyntax.BINARY || op.getSyntax() == SqlSyntax.PREFIX
        || op instanceof SqlBetweenOperator || op instanceof SqlLikeOperator;
    if (!operator || call.operandCount() == 0 || call.getKind() == SqlKind.AS || call.getKind() == SqlKind.CAST) {
      return false;
    }
    SqlNode last = call.operand(call.operandCount() - 1);
    return last != null && !(last instanceof SqlNodeList) && !(last instanceof SqlSelect)
        && last.getParserPosition().getLineNum() > 0;
  }

  /** A negative number written with its sign outside parentheses. */
  private boolean signed(SqlNumericLiteral number) {
    int start = offset(number.getParserPosition());
    return number.getValue() instanceof java.math.BigDecimal value && value.signum() < 0
        && start >= 0 && start < sql.length() && sql.charAt(start) == '-';
  }

  /** Whether the call's text is one parenthesized group: {@code (a - b)}, not {@code (a) - (b)}. */
  private boolean enclosed(SqlBasicCall call) {
    int start = offset(call.getParserPosition());
    int lastOperand = offset(call.operand(call.operandCount() - 1).getParserPosition());
    if (start < 0 || lastOperand < 0 || start >= sql.length() || sql.charAt(start) != '(') {
      return start < 0 || lastOperand < 0;
    }
    int close = matchingParenthesis(start);
    return close < 0 || close > lastOperand;
  }

  private int offset(SqlParserPos pos) {
    int line = pos.getLineNum();
    if (line < 1 || line > lineStarts.length || pos.getColumnNum() < 1) {
      return -1;
    }
    return lineStarts[line - 1] + pos.getColumnNum() - 1;
  }

  /** The offset of the ')' closing the '(' at {@code open}, skipping strings, names and comments. */
  private int matchingParenthesis(int open) {
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(i, c);
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The offset of the quote ending the quoted text starting at {@code start} (doubled quotes escape). */
  private int skipQuoted(int start, char quote) {
    for (int i = start + 1; i < sql.length(); i++) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return sql.length();
  }
}
