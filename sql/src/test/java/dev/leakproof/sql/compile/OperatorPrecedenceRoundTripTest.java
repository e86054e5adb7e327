package dev.leakproof.sql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operator precedence survives compilation. For every pair of operators, an expression nesting
 * the one in an operand of the other, with explicit parentheses, is compiled for DuckDB and for
 * Snowflake, and
 *
 * <ul>
 *   <li>Calcite parses each compiled text back to the tree it parsed the model's text to;
 *   <li>DuckDB parses the model's text and the compiled DuckDB text to the same tree
 *       ({@code json_serialize_sql}, positions and aliases aside): a parenthesis Calcite thinks
 *       redundant but DuckDB needs would show here;
 *   <li>DuckDB computes the same value from both.
 * </ul>
 *
 * Operands are literals, chosen so that a regrouping would change most values.
 */
class OperatorPrecedenceRoundTripTest {

  /** The type of an operand or result; {@code T} is one type variable per operator. */
  enum Ty { NUM, STR, BOOL, T }

  /**
   * An operator: its operand types (a {@link Ty#T} is bound to the same type throughout), its
   * result type and its text given its operands' texts.
   */
  record Op(String name, Ty result, List<Ty> operands, List<Ty> bindings, Function<List<String>, String> text) {

    Ty operand(int i, Ty binding) {
      return operands.get(i) == Ty.T ? binding : operands.get(i);
    }

    Ty result(Ty binding) {
      return result == Ty.T ? binding : result;
    }
  }

  static final List<Ty> ANY = List.of(Ty.NUM, Ty.STR, Ty.BOOL);
  static final List<Ty> NONE = List.of(Ty.NUM);

  static Op binary(String op, Ty operand, Ty result) {
    return new Op(op, result, List.of(operand, operand), operand == Ty.T ? ANY : NONE,
        o -> o.get(0) + " " + op + " " + o.get(1));
  }

  static final List<Op> OPERATORS = List.of(
      binary("+", Ty.NUM, Ty.NUM),
      binary("-", Ty.NUM, Ty.NUM),
      binary("*", Ty.NUM, Ty.NUM),
      binary("/", Ty.NUM, Ty.NUM),
      binary("%", Ty.NUM, Ty.NUM),
      binary("||", Ty.STR, Ty.STR),
      new Op("unary -", Ty.NUM, List.of(Ty.NUM), NONE, o -> "- " + o.get(0)),
      new Op("NOT", Ty.BOOL, List.of(Ty.BOOL), NONE, o -> "NOT " + o.get(0)),
      binary("AND", Ty.BOOL, Ty.BOOL),
      binary("OR", Ty.BOOL, Ty.BOOL),
      binary("=", Ty.T, Ty.BOOL),
      binary("<>", Ty.T, Ty.BOOL),
      binary("<", Ty.T, Ty.BOOL),
      binary("<=", Ty.T, Ty.BOOL),
      binary(">", Ty.T, Ty.BOOL),
      binary(">=", Ty.T, Ty.BOOL),
      new Op("IS NULL", Ty.BOOL, List.of(Ty.T), ANY, o -> o.get(0) + " IS NULL"),
      new Op("IS NOT NULL", Ty.BOOL, List.of(Ty.T), ANY, o -> o.get(0) + " IS NOT NULL"),
      new Op("BETWEEN", Ty.BOOL, List.of(Ty.T, Ty.T, Ty.T), List.of(Ty.NUM, Ty.STR),
          o -> o.get(0) + " BETWEEN " + o.get(1) + " AND " + o.get(2)),
      new Op("NOT BETWEEN", Ty.BOOL, List.of(Ty.T, Ty.T, Ty.T), List.of(Ty.NUM, Ty.STR),
          o -> o.get(0) + " NOT BETWEEN " + o.get(1) + " AND " + o.get(2)),
      binary("LIKE", Ty.STR, Ty.BOOL),
      new Op("IN", Ty.BOOL, List.of(Ty.T, Ty.T, Ty.T), ANY, o -> o.get(0) + " IN (" + o.get(1) + ", " + o.get(2) + ")"),
      new Op("::numeric", Ty.NUM, List.of(Ty.NUM), NONE, o -> o.get(0) + "::numeric(16, 2)"),
      new Op("::integer", Ty.NUM, List.of(Ty.NUM), NONE, o -> o.get(0) + "::integer"),
      new Op("::varchar", Ty.STR, List.of(Ty.T), ANY, o -> o.get(0) + "::varchar"),
      new Op("CAST", Ty.NUM, List.of(Ty.NUM), NONE, o -> "CAST(" + o.get(0) + " AS DECIMAL(16, 2))"),
      new Op("CASE", Ty.T, List.of(Ty.BOOL, Ty.T, Ty.T), ANY,
          o -> "CASE WHEN " + o.get(0) + " THEN " + o.get(1) + " ELSE " + o.get(2) + " END"),
      new Op("COALESCE", Ty.T, List.of(Ty.T, Ty.T), ANY, o -> "COALESCE(" + o.get(0) + ", " + o.get(1) + ")"),
      new Op("ABS", Ty.NUM, List.of(Ty.NUM), NONE, o -> "ABS(" + o.get(0) + ")"));

  /** Literals of each type, different in each operand position. */
  static String literal(Ty type, int position) {
    String[] values = switch (type) {
      case NUM -> new String[] {"7", "3", "2", "5"};
      case STR -> new String[] {"'ab'", "'b'", "'a%'", "'abc'"};
      case BOOL -> new String[] {"FALSE", "TRUE", "TRUE", "FALSE"};
      case T -> throw new IllegalArgumentException();
    };
    return values[position % values.length];
  }

  /** One operator applied to literals: its text and type. */
  record Expr(String text, Ty type) {}

  static Expr leaf(Op op, Ty binding, int offset) {
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < op.operands().size(); i++) {
      operands.add(literal(op.operand(i, binding), offset + i));
    }
    return new Expr(op.text().apply(operands), op.result(binding));
  }

  /**
   * {@code outer} with {@code inner}, parenthesized, as its first or last operand: for binary
   * operators {@code (a op1 b) op2 c} and {@code a op2 (b op1 c)}; null when the types disagree.
   */
  static String nest(Op outer, boolean first, Expr inner) {
    return nest(outer, first, inner, true);
  }

  static String nest(Op outer, boolean first, Expr inner, boolean parenthesize) {
    int slot = first ? 0 : outer.operands().size() - 1;
    for (Ty binding : outer.bindings()) {
      if (outer.operand(slot, binding) != inner.type()) {
        continue;
      }
      List<String> operands = new ArrayList<>();
      for (int i = 0; i < outer.operands().size(); i++) {
        operands.add(i == slot ? (parenthesize ? "(" + inner.text() + ")" : inner.text())
            : literal(outer.operand(i, binding), i + 2));
      }
      return outer.text().apply(operands);
    }
    return null;
  }

  static List<String> expressions() {
    return expressions(true);
  }

  static List<String> expressions(boolean parenthesize) {
    List<String> expressions = new ArrayList<>();
    for (Op inner : OPERATORS) {
      for (Ty binding : inner.bindings()) {
        Expr e = leaf(inner, binding, 0);
        for (Op outer : OPERATORS) {
          for (boolean first : new boolean[] {true, false}) {
            String nested = nest(outer, first, e, parenthesize);
            if (nested != null && !expressions.contains(nested)) {
              expressions.add(nested);
            }
          }
        }
      }
    }
    return expressions;
  }

  static Connection duckdb;
  final SqlCompiler compiler = new SqlCompiler(new SqlCatalog());

  @BeforeAll
  static void open() throws SQLException {
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void close() throws SQLException {
    duckdb.close();
  }

  @Test
  void aCastOfAParenthesizedQuotientCastsTheQuotient() throws Exception {
    String sql = "select (10 / 3)::numeric(16,2) as v";
    for (Target target : Target.values()) {
      SqlCompiler.Compiled compiled = compiler.compile("q.sql", sql, "main", target);
      assertThat(compiled.sql().replaceAll("\\s+", " ")).contains("CAST(10 / 3 AS DECIMAL(16, 2))");
      assertThat(compiled.rowType().getFieldList().get(0).getType().getFullTypeString())
          .isEqualTo("DECIMAL(16, 2) NOT NULL");
    }
    assertThat(value(compiler.compile("q.sql", sql, "main", Target.DUCKDB).sql())).isEqualTo("3.33");
    assertThat(value(sql)).isEqualTo("3.33");
  }

  @Test
  void everyPairOfOperatorsKeepsItsGroupingInEachDialect() throws Exception {
    List<String> expressions = expressions();
    assertThat(expressions).hasSizeGreaterThan(500);
    List<String> failures = new ArrayList<>();
    int compiledCount = 0;
    for (String expression : expressions) {
      String sql = "select " + expression + " as v";
      String duckDbAst = duckDbTree(sql);
      String duckDbValue = valueOrError(sql);
      String calciteTree;
      try {
        calciteTree = tree(selectItem(SqlCompiler.parse("q.sql", sql)));
      } catch (CompileException e) {
        failures.add(expression + ": Calcite cannot parse it: " + e.getMessage());
        continue;
      }
      for (Target target : Target.values()) {
        String compiled;
        try {
          compiled = compiler.compile("q.sql", sql, "main", target).sql();
        } catch (CompileException e) {
          // Calcite rejects a few combinations DuckDB accepts (types it will not compare): they never reach SQL
          if (duckDbValue.startsWith("error")) {
            failures.add(expression + ": rejected by Calcite (" + e.getMessage() + ") and by DuckDB");
          }
          continue;
        }
        compiledCount++;
        String reparsed;
        try {
          reparsed = tree(selectItem(SqlCompiler.parse("q.sql", compiled)));
        } catch (CompileException e) {
          failures.add(expression + " -> " + target + " " + compiled + ": Calcite cannot parse it: " + e.getMessage());
          continue;
        }
        if (!reparsed.equals(calciteTree)) {
          failures.add(expression + " -> " + target + " " + oneLine(compiled) + ": Calcite tree " + calciteTree
              + " became " + reparsed);
        }
        if (target == Target.DUCKDB) {
          String compiledAst = duckDbTree(compiled);
          if (!compiledAst.equals(duckDbAst)) {
            failures.add(expression + " -> " + oneLine(compiled) + ": DuckDB parses it differently");
          }
          String compiledValue = valueOrError(compiled);
          if (!compiledValue.equals(duckDbValue)) {
            failures.add(expression + " -> " + oneLine(compiled) + ": DuckDB value " + duckDbValue + " became "
                + compiledValue);
          }
        }
      }
    }
    assertThat(failures).as("%d of %d expressions", failures.size(), expressions.size()).isEmpty();
    assertThat(compiledCount).isGreaterThan(expressions.size());
  }

  /**
   * Without parentheses, {@code a op1 b op2 c} means to Calcite what it means to DuckDB: the
   * compiled text, parenthesized where Calcite's grouping needs it, parses in DuckDB to the
   * tree DuckDB parses the model's text to.
   */
  @Test
  void withoutParenthesesEachPairGroupsAsInDuckDb() throws Exception {
    List<String> expressions = expressions(false);
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (String expression : expressions) {
      String sql = "select " + expression + " as v";
      String duckDbValue = valueOrError(sql);
      String compiled;
      try {
        compiled = compiler.compile("q.sql", sql, "main", Target.DUCKDB).sql();
      } catch (CompileException e) {
        continue;
      }
      compared++;
      String original = duckDbTree(sql);
      if (original.startsWith("{\"error\":true")) {
        // DuckDB has no grouping for it (a = b <> c, a BETWEEN b AND c IN (d)): Calcite's is printed explicitly
        if (duckDbTree(compiled).startsWith("{\"error\":true")) {
          failures.add(expression + " -> " + oneLine(compiled) + ": DuckDB cannot parse the compiled SQL either");
        }
        continue;
      }
      if (!duckDbTree(compiled).equals(original)) {
        failures.add(expression + " -> " + oneLine(compiled) + ": DuckDB parses it differently (value "
            + duckDbValue + " became " + valueOrError(compiled) + ")");
      }
    }
    assertThat(failures).as("%d of %d expressions", failures.size(), expressions.size()).isEmpty();
    assertThat(compared).isGreaterThan(expressions.size() / 2);
  }

  static String oneLine(String sql) {
    return sql.replaceAll("\\s+", " ");
  }

  static SqlNode selectItem(SqlNode query) {
    SqlNode item = ((SqlSelect) query).getSelectList().get(0);
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }

  /**
   * A parse tree as nested calls, each written {@code KIND:name(operands)}: independent of how
   * Calcite prints SQL, and the same for {@code x::t} and {@code CAST(x AS t)}.
   */
  static String tree(SqlNode node) {
    if (node == null) {
      return "null";
    }
    if (node instanceof SqlNodeList list) {
      List<String> items = new ArrayList<>();
      list.forEach(n -> items.add(tree(n)));
      return "[" + String.join(", ", items) + "]";
    }
    if (node instanceof SqlCall call) {
      String name = call.getKind() == SqlKind.CAST ? "CAST" : call.getOperator().getName();
      List<String> operands = new ArrayList<>();
      call.getOperandList().forEach(n -> operands.add(tree(n)));
      return call.getKind() + ":" + name.toUpperCase(java.util.Locale.ROOT) + "(" + String.join(", ", operands) + ")";
    }
    if (node instanceof SqlLiteral literal) {
      return literal.getTypeName() + " " + literal.toValue();
    }
    if (node instanceof SqlDataTypeSpec spec) {
      return "TYPE " + spec.getTypeNameSpec().getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT) + " "
          + spec.toString().replaceAll("\\s+", "");
    }
    if (node instanceof SqlIdentifier id) {
      return "ID " + id;
    }
    return node.getKind() + " " + node;
  }

  /** DuckDB's parse tree of a query, without source positions and aliases. */
  static String duckDbTree(String sql) throws SQLException {
    try (PreparedStatement s = duckdb.prepareStatement("select json_serialize_sql(CAST(? AS VARCHAR))")) {
      s.setString(1, sql);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1).replaceAll("\"query_location\":\\d+", "\"query_location\":0")
            .replaceAll("\"alias\":\"(?:[^\"\\\\]|\\\\.)*\"", "\"alias\":\"\"");
      }
    }
  }

  static String value(String sql) throws SQLException {
    try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static String valueOrError(String sql) {
    try {
      return value(sql);
    } catch (SQLException e) {
      return "error";
    }
  }
}
