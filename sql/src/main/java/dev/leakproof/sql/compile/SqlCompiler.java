package dev.leakproof.sql.compile;

import java.util.EnumSet;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Parses a model's SQL with Calcite's Babel parser, validates it against the catalog (every
 * table, column, function and type checked before any SQL reaches a warehouse), and prints the
 * validated query in a target's dialect.
 */
public final class SqlCompiler {

  private static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(SqlBabelParserImpl.FACTORY)
      .withConformance(LeakproofConformance.INSTANCE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(
      LeakproofOperators.TABLE,
      SqlStdOperatorTable.instance(),
      SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.of(SqlLibrary.POSTGRESQL)));

  /**
   * The operators of each target: the validator looks each operator up again by name when it
   * types a call, and takes the first it finds, so {@code a / b} is typed as the target types
   * it (DuckDB's DOUBLE, Snowflake's NUMBER with 6 more decimals; Calcite's 10 / 3 is INTEGER 3).
   */
  private static final java.util.Map<Target, SqlOperatorTable> TARGET_OPERATORS = java.util.Map.of(
      Target.DUCKDB, SqlOperatorTables.chain(SqlOperatorTables.of(LeakproofOperators.DUCKDB_DIVIDE), OPERATORS),
      Target.SNOWFLAKE, SqlOperatorTables.chain(SqlOperatorTables.of(LeakproofOperators.SNOWFLAKE_DIVIDE), OPERATORS));

  /** A validated query: its row type and its text in the target's dialect. */
  public record Compiled(RelDataType rowType, String sql) {}

  private final SqlCatalog catalog;

  public SqlCompiler(SqlCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Compiles one query.
   *
   * @param file the model's path, for messages
   * @param defaultSchema the schema unqualified names resolve in
   * @throws CompileException naming the file, the line and column in {@code sql}, and the fault
   */
  public Compiled compile(String file, String sql, String defaultSchema, Target target) throws CompileException {
    return compile(file, sql, () -> parse(file, sql), defaultSchema, target);
  }

  /** A source of fresh parse trees of one query: validation changes the tree it is given. */
  @FunctionalInterface
  public interface Parser {
    SqlNode parse() throws CompileException;
  }

  /**
   * Compiles a query given as parse trees (a model with its ephemeral models injected as CTEs).
   *
   * @param sql the text positions in messages refer to
   */
  public Compiled compile(String file, String sql, Parser parser, String defaultSchema, Target target)
      throws CompileException {
    java.util.Set<String> lateral = new java.util.HashSet<>();
    while (true) {
      SqlNode parsed = parser.parse();
      if (!lateral.isEmpty()) {
        parsed = parsed.accept(new LateralAliases(lateral));
      }
      SqlValidator validator = SqlValidatorUtil.newValidator(TARGET_OPERATORS.get(target), catalog.reader(defaultSchema),
          catalog.typeFactory(), SqlValidator.Config.DEFAULT
              .withConformance(LeakproofConformance.INSTANCE)
              .withIdentifierExpansion(true)
              .withCallRewrite(false)
              .withTypeCoercionEnabled(false));
      try {
        SqlNode validated = validator.validate(parsed);
        RelDataType rowType = validator.getValidatedNodeType(validated);
        return new Compiled(rowType, print(validated.accept(new Lowering(validator)), target));
      } catch (CalciteContextException e) {
        String message = e.getMessage().replaceFirst("^From line.*?: ", "");
        java.util.regex.Matcher unknown = UNKNOWN_COLUMN.matcher(message);
        if (unknown.find() && lateral.add(unknown.group(1).toLowerCase(java.util.Locale.ROOT))
            && sql.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\bas\\s+\"?" + java.util.regex.Pattern.quote(
                unknown.group(1).toLowerCase(java.util.Locale.ROOT)) + "\\b.*")) {
          continue;
        }
        throw new CompileException(file, e.getPosLine(), e.getPosColumn(), message);
      } catch (RuntimeException e) {
        throw new CompileException(file, 0, 0, "cannot validate: " + e.getMessage());
      }
    }
  }

  private static final java.util.regex.Pattern UNKNOWN_COLUMN =
      java.util.regex.Pattern.compile("Column '([A-Za-z_][A-Za-z0-9_]*)' not found in any table");

  private static String print(SqlNode node, Target target) {
    return node.toSqlString(c -> c.withDialect(target.dialect())
        .withIndentation(2)
        .withClauseStartsLine(true)
        .withClauseEndsLine(false)
        .withSelectListItemsOnSeparateLines(true)
        .withKeywordsLowerCase(false)
        .withQuoteAllIdentifiers(true)).getSql();
  }


  /** Parses only; for tools that need the tree without a catalog. */
  public static SqlNode parse(String file, String sql) throws CompileException {
    try {
      return DialectFunctions.rewrite(InfixCasts.reassociate(SqlParser.create(sql, PARSER).parseQuery(), sql));
    } catch (SqlParseException e) {
      String message = e.getMessage().split("\n")[0];
      throw new CompileException(file, e.getPos().getLineNum(), e.getPos().getColumnNum(), message);
    }
  }

  /** Replaces standard calls whose dialect form depends on operand types by portable operators. */
  private static final class Lowering extends SqlShuttle {
    private final SqlValidator validator;

    Lowering(SqlValidator validator) {
      this.validator = validator;
    }

    @Override
    public SqlNode visit(SqlCall call) {
      RelDataType type = validator.getValidatedNodeTypeIfKnown(call);
      boolean date = type != null && type.getSqlTypeName() == SqlTypeName.DATE;
      SqlCall intervalAdd = intervalArithmetic(call);
      SqlNode visited = super.visit(intervalAdd != null ? intervalAdd : call);
      if (visited instanceof SqlCall c && c.getKind() == SqlKind.TIMESTAMP_ADD && date) {
        return new SqlBasicCall(PortableOperators.DATE_ADD, c.getOperandList(), c.getParserPosition());
      }
      if (visited instanceof SqlCall c && c.getOperator() == LeakproofOperators.DATE_TRUNC && date) {
        return new SqlBasicCall(PortableOperators.DATE_TRUNC_TO_DATE, c.getOperandList(), c.getParserPosition());
      }
      return visited;
    }

    /** {@code d + INTERVAL '3' DAY} as {@code TIMESTAMPADD(DAY, 3, d)}, which every dialect prints its way. */
    private static SqlCall intervalArithmetic(SqlCall call) {
      if ((call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) || call.operandCount() != 2
          || !(call.operand(1) instanceof SqlIntervalLiteral interval)) {
        return null;
      }
      SqlIntervalLiteral.IntervalValue value = interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
      SqlIntervalQualifier qualifier = value.getIntervalQualifier();
      if (!qualifier.isSingleDatetimeField() || !value.getIntervalLiteral().trim().matches("\\d+")) {
        return null;
      }
      long n = Long.parseLong(value.getIntervalLiteral().trim()) * value.getSign()
          * (call.getKind() == SqlKind.MINUS ? -1 : 1);
      return SqlStdOperatorTable.TIMESTAMP_ADD.createCall(call.getParserPosition(),
          new SqlIntervalQualifier(qualifier.getStartUnit(), null, qualifier.getParserPosition()),
          SqlLiteral.createExactNumeric(String.valueOf(n), call.getParserPosition()), call.operand(0));
    }
  }
}
