package dev.leakproof.sql.compile;

import java.util.EnumSet;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
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
import org.apache.calcite.sql.validate.SqlConformanceEnum;
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
      .withConformance(SqlConformanceEnum.DEFAULT)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(
      SqlStdOperatorTable.instance(),
      SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.of(SqlLibrary.POSTGRESQL)));

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
    SqlNode parsed = parse(file, sql);
    SqlValidator validator = SqlValidatorUtil.newValidator(OPERATORS, catalog.reader(defaultSchema),
        catalog.typeFactory(), SqlValidator.Config.DEFAULT
            .withConformance(SqlConformanceEnum.DEFAULT)
            .withIdentifierExpansion(true)
            .withCallRewrite(false)
            .withTypeCoercionEnabled(false));
    RelDataType rowType;
    SqlNode validated;
    try {
      validated = validator.validate(parsed);
      rowType = validator.getValidatedNodeType(validated);
    } catch (CalciteContextException e) {
      throw new CompileException(file, e.getPosLine(), e.getPosColumn(), e.getMessage().replaceFirst("^From line.*?: ", ""));
    } catch (RuntimeException e) {
      throw new CompileException(file, 0, 0, "cannot validate: " + e.getMessage());
    }
    SqlNode lowered = validated.accept(new Lowering(validator));
    String text = lowered.toSqlString(c -> c.withDialect(target.dialect())
        .withIndentation(2)
        .withClauseStartsLine(true)
        .withClauseEndsLine(false)
        .withSelectListItemsOnSeparateLines(true)
        .withKeywordsLowerCase(false)
        .withQuoteAllIdentifiers(true)).getSql();
    return new Compiled(rowType, text);
  }

  /** Parses only; for tools that need the tree without a catalog. */
  public static SqlNode parse(String file, String sql) throws CompileException {
    try {
      return SqlParser.create(sql, PARSER).parseQuery();
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
      SqlNode visited = super.visit(call);
      if (visited instanceof SqlCall c && c.getKind() == SqlKind.TIMESTAMP_ADD) {
        RelDataType type = validator.getValidatedNodeTypeIfKnown(call);
        if (type != null && type.getSqlTypeName() == SqlTypeName.DATE) {
          return new SqlBasicCall(PortableOperators.DATE_ADD, c.getOperandList(), c.getParserPosition());
        }
      }
      return visited;
    }
  }
}
