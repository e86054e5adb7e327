package dev.leakproof.sql.template;

import dev.leakproof.sql.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jinja2's grammar, statement by statement and with its operator precedence (conditional
 * expressions, {@code or}, {@code and}, {@code not}, comparisons, {@code + -}, {@code ~},
 * {@code * / // %}, {@code **}, unary signs, then postfix attribute, item, call, filter and test),
 * calls with {@code *args}, {@code **kwargs} and trailing commas, and dbt's extra blocks
 * ({@code test}, {@code materialization}, {@code docs}, {@code snapshot}). One parser reads one
 * template.
 */
final class Parser {

  private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

  private final String name;
  private final List<Token> tokens;
  private int at;

  private Parser(String name, List<Token> tokens) {
    this.name = name;
    this.tokens = tokens;
  }

  /** Parses a whole template. */
  static Template parse(String name, String source) {
    Parser p = new Parser(name, Lexer.tokenize(name, source));
    List<Node> body = p.subparse(Set.of());
    if (p.peek().kind() != Kind.EOF) {
      Token t = p.peek();
      throw p.fail(t, "Unexpected end of template: encountered unknown tag '" + t.value() + "'");
    }
    return new Template(name, body);
  }

  // ---- statements

  private List<Node> subparse(Set<String> endTags) {
    List<Node> body = new ArrayList<>();
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF -> {
          if (!endTags.isEmpty()) {
            throw fail(t, "Unexpected end of template. Jinja was looking for the following tags: "
                + String.join(" or ", endTags.stream().sorted().map(s -> "'" + s + "'").toList())
                + ". The innermost block that needs to be closed is '" + innermost(endTags) + "'.");
          }
          return body;
        }
        case DATA -> {
          next();
          body.add(new Node.Data(t.value(), t.line()));
        }
        case VARIABLE_BEGIN -> {
          next();
          Expr e = tuple(true, Set.of());
          expect(Kind.VARIABLE_END, "'}}'");
          body.add(new Node.Print(e, t.line()));
        }
        case BLOCK_BEGIN -> {
          Token tag = tokens.get(at + 1);
          if (tag.kind() == Kind.NAME && endTags.contains(tag.value())) {
            next();
            return body;
          }
          next();
          body.add(statement());
        }
        default -> throw fail(t, "Unexpected " + t);
      }
    }
  }

  private static String innermost(Set<String> endTags) {
    for (String t : endTags) {
      if (t.startsWith("end")) {
        return t.substring(3);
      }
    }
    return endTags.iterator().next();
  }

  private Node statement() {
    Token t = peek();
    if (t.kind() != Kind.NAME) {
      throw fail(t, "Tag name expected");
    }
    next();
    return switch (t.value()) {
      case "if" -> ifStatement(t);
      case "for" -> forStatement(t);
      case "set" -> setStatement(t);
      case "macro" -> macro(t, name().value(), "endmacro");
      case "test" -> macro(t, "test_" + name().value(), "endtest");
      case "materialization" -> materialization(t);
      case "call" -> callBlock(t);
      case "filter" -> filterBlock(t);
      case "do" -> {
        Expr e = tuple(true, Set.of());
        endOfTag();
        yield new Node.Do(e, t.line());
      }
      case "break" -> {
        endOfTag();
        yield new Node.Break(t.line());
      }
      case "continue" -> {
        endOfTag();
        yield new Node.Continue(t.line());
      }
      case "with" -> withStatement(t);
      case "autoescape" -> {
        expression(true);
        endOfTag();
        List<Node> body = subparse(Set.of("endautoescape"));
        next();
        endOfTag();
        yield new Node.With(List.of(), List.of(), body, t.line());
      }
      case "docs" -> docs(t);
      case "snapshot" -> {
        String snapshot = name().value();
        endOfTag();
        List<Node> body = subparse(Set.of("endsnapshot"));
        next();
        endOfTag();
        yield new Node.Snapshot(snapshot, body, t.line());
      }
      case "include", "import", "from", "extends", "block" ->
          throw fail(t, "Jinja's '" + t.value() + "' tag is not available in dbt projects");
      default -> throw fail(t, "Encountered unknown tag '" + t.value() + "'");
    };
  }

  private Node ifStatement(Token start) {
    List<Expr> tests = new ArrayList<>();
    List<List<Node>> bodies = new ArrayList<>();
    tests.add(tuple(false, Set.of()));
    endOfTag();
    while (true) {
      bodies.add(subparse(Set.of("elif", "else", "endif")));
      Token tag = next();
      switch (tag.value()) {
        case "elif" -> {
          tests.add(tuple(false, Set.of()));
          endOfTag();
        }
        case "else" -> {
          endOfTag();
          List<Node> otherwise = subparse(Set.of("endif"));
          next();
          endOfTag();
          return new Node.If(tests, bodies, otherwise, start.line());
        }
        default -> {
          endOfTag();
          return new Node.If(tests, bodies, List.of(), start.line());
        }
      }
    }
  }

  private Node forStatement(Token start) {
    Node.Target target = assignTarget(Set.of("in"));
    expectName("in");
    Expr iterable = tuple(false, Set.of("recursive"));
    Expr filter = null;
    if (peek().isName("if")) {
      next();
      filter = expression(true);
    }
    if (peek().isName("recursive")) {
      throw fail(peek(), "Recursive for loops are not supported");
    }
    endOfTag();
    List<Node> body = subparse(Set.of("endfor", "else"));
    List<Node> otherwise = List.of();
    if (next().value().equals("else")) {
      endOfTag();
      otherwise = subparse(Set.of("endfor"));
      next();
    }
    endOfTag();
    return new Node.For(target, iterable, filter, body, otherwise, start.line());
  }

  private Node setStatement(Token start) {
    Node.Target target = assignTarget(Set.of());
    if (peek().isOperator("=")) {
      next();
      Expr value = tuple(true, Set.of());
      endOfTag();
      return new Node.Set(target, value, start.line());
    }
    List<Expr.Filter> filters = filterChain();
    endOfTag();
    List<Node> body = subparse(Set.of("endset"));
    next();
    endOfTag();
    return new Node.SetBlock(target, filters, body, start.line());
  }

  private Node.Macro macro(Token start, String macroName, String endTag) {
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    signature(params, defaults);
    endOfTag();
    List<Node> body = subparse(Set.of(endTag));
    next();
    if (peek().kind() == Kind.NAME) {
      next(); // {% endmacro name %}
    }
    endOfTag();
    return macroNode(macroName, params, defaults, body, start.line());
  }

  /** {@code {% materialization name, adapter='x' %}} or {@code , default}: macro {@code materialization_name_x}. */
  private Node materialization(Token start) {
    String materialization = name().value();
    String adapter = "default";
    while (peek().isOperator(",")) {
      next();
      Token key = name();
      if (key.value().equals("default")) {
        adapter = "default";
      } else {
        expect(Kind.OPERATOR, "'='");
        Expr value = expression(true);
        if (key.value().equals("adapter")) {
          if (!(value instanceof Expr.Const c) || !(c.value() instanceof String s)) {
            throw fail(key, "materialization adapter must be a string");
          }
          adapter = s;
        }
      }
    }
    endOfTag();
    List<Node> body = subparse(Set.of("endmaterialization"));
    next();
    endOfTag();
    return macroNode("materialization_" + materialization + "_" + adapter, List.of(), List.of(), body, start.line());
  }

  private Node callBlock(Token start) {
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    if (peek().isOperator("(")) {
      signature(params, defaults);
    }
    Expr call = expression(true);
    if (!(call instanceof Expr.Call c)) {
      throw fail(start, "expected call");
    }
    endOfTag();
    List<Node> body = subparse(Set.of("endcall"));
    next();
    endOfTag();
    return new Node.CallBlock(c, macroNode("caller", params, defaults, body, start.line()), start.line());
  }

  private Node filterBlock(Token start) {
    List<Expr.Filter> filters = filterChain();
    if (filters.isEmpty()) {
      throw fail(start, "Filter name expected");
    }
    endOfTag();
    List<Node> body = subparse(Set.of("endfilter"));
    next();
    endOfTag();
    return new Node.FilterBlock(filters, body, start.line());
  }

  private Node withStatement(Token start) {
    List<Node.Target> targets = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (peek().kind() != Kind.BLOCK_END) {
      if (!targets.isEmpty()) {
        expect(Kind.OPERATOR, "','");
      }
      targets.add(assignTarget(Set.of()));
      expect(Kind.OPERATOR, "'='");
      values.add(expression(true));
    }
    endOfTag();
    List<Node> body = subparse(Set.of("endwith"));
    next();
    endOfTag();
    return new Node.With(targets, values, body, start.line());
  }

  private Node docs(Token start) {
    String docName = name().value();
    endOfTag();
    StringBuilder text = new StringBuilder();
    List<Node> body = subparse(Set.of("enddocs"));
    for (Node n : body) {
      if (n instanceof Node.Data d) {
        text.append(d.text());
      }
    }
    next();
    endOfTag();
    return new Node.Docs(docName, text.toString().strip(), start.line());
  }

  private void signature(List<String> params, List<Expr> defaults) {
    expect(Kind.OPERATOR, "'('");
    while (!peek().isOperator(")")) {
      if (!params.isEmpty()) {
        expect(Kind.OPERATOR, "','");
        if (peek().isOperator(")")) {
          break;
        }
      }
      params.add(name().value());
      if (peek().isOperator("=")) {
        next();
        defaults.add(expression(true));
      } else {
        defaults.add(null);
      }
    }
    next();
  }

  private static Node.Macro macroNode(String name, List<String> params, List<Expr> defaults, List<Node> body,
      int line) {
    Set<String> reads = Names.read(body);
    return new Node.Macro(name, List.copyOf(params), java.util.Collections.unmodifiableList(new ArrayList<>(defaults)),
        body, reads.contains("varargs"), reads.contains("kwargs"), reads.contains("caller"), line);
  }

  /** {@code upper | trim}, or {@code | upper} after a set block's target; empty when there is none. */
  private List<Expr.Filter> filterChain() {
    List<Expr.Filter> filters = new ArrayList<>();
    if (peek().isOperator("|")) {
      next();
    } else if (peek().kind() != Kind.NAME) {
      return filters;
    }
    filters.add(filter(null));
    while (peek().isOperator("|")) {
      next();
      filters.add(filter(null));
    }
    return filters;
  }

  private Node.Target assignTarget(Set<String> endNames) {
    List<Node.Target> items = new ArrayList<>();
    boolean tuple = false;
    boolean parens = peek().isOperator("(");
    if (parens) {
      next();
    }
    while (true) {
      Token n = name();
      if (peek().isOperator(".")) {
        next();
        items.add(new Node.Target.Attribute(n.value(), name().value()));
      } else {
        items.add(new Node.Target.Name(n.value()));
      }
      if (!peek().isOperator(",")) {
        break;
      }
      tuple = true;
      next();
      if (peek().kind() != Kind.NAME || endNames.contains(peek().value())) {
        break;
      }
    }
    if (parens) {
      expect(Kind.OPERATOR, "')'");
      tuple = true;
    }
    return tuple ? new Node.Target.Tuple(items) : items.get(0);
  }

  // ---- expressions

  /** A comma-separated tuple, or a single expression when there is no comma. */
  private Expr tuple(boolean withConditional, Set<String> endNames) {
    int line = peek().line();
    List<Expr> items = new ArrayList<>();
    boolean comma = false;
    while (true) {
      if (!items.isEmpty()) {
        if (!peek().isOperator(",")) {
          break;
        }
        next();
        comma = true;
      }
      if (endOfTuple(endNames)) {
        break;
      }
      items.add(expression(withConditional));
    }
    if (!comma) {
      if (items.isEmpty()) {
        throw fail(peek(), "Expected an expression, got " + peek());
      }
      return items.get(0);
    }
    return new Expr.TupleLit(items, line);
  }

  private boolean endOfTuple(Set<String> endNames) {
    Token t = peek();
    return t.kind() == Kind.VARIABLE_END || t.kind() == Kind.BLOCK_END || t.isOperator(")") || t.isOperator("]")
        || t.isOperator("}") || t.isOperator("=") || (t.kind() == Kind.NAME && endNames.contains(t.value()));
  }

  private Expr expression(boolean withConditional) {
    return withConditional ? conditional() : or();
  }

  private Expr conditional() {
    Expr value = or();
    while (peek().isName("if")) {
      Token t = next();
      Expr test = or();
      Expr otherwise = null;
      if (peek().isName("else")) {
        next();
        otherwise = conditional();
      }
      value = new Expr.Conditional(test, value, otherwise, t.line());
    }
    return value;
  }

  private Expr or() {
    Expr left = and();
    while (peek().isName("or")) {
      Token t = next();
      left = new Expr.Binary("or", left, and(), t.line());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (peek().isName("and")) {
      Token t = next();
      left = new Expr.Binary("and", left, not(), t.line());
    }
    return left;
  }

  private Expr not() {
    if (peek().isName("not")) {
      Token t = next();
      return new Expr.Unary("not", not(), t.line());
    }
    return compare();
  }

  private Expr compare() {
    int line = peek().line();
    Expr first = math1();
    List<String> ops = new ArrayList<>();
    List<Expr> rest = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.OPERATOR && COMPARE.contains(t.value())) {
        next();
        ops.add(t.value());
      } else if (t.isName("in")) {
        next();
        ops.add("in");
      } else if (t.isName("not") && tokens.get(at + 1).isName("in")) {
        next();
        next();
        ops.add("not in");
      } else {
        break;
      }
      rest.add(math1());
    }
    return ops.isEmpty() ? first : new Expr.Compare(first, ops, rest, line);
  }

  private Expr math1() {
    Expr left = concat();
    while (peek().isOperator("+") || peek().isOperator("-")) {
      Token t = next();
      left = new Expr.Binary(t.value(), left, concat(), t.line());
    }
    return left;
  }

  private Expr concat() {
    Expr left = math2();
    while (peek().isOperator("~")) {
      Token t = next();
      left = new Expr.Binary("~", left, math2(), t.line());
    }
    return left;
  }

  private Expr math2() {
    Expr left = pow();
    while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("//") || peek().isOperator("%")) {
      Token t = next();
      left = new Expr.Binary(t.value(), left, pow(), t.line());
    }
    return left;
  }

  private Expr pow() {
    Expr left = unary(true);
    while (peek().isOperator("**")) {
      Token t = next();
      left = new Expr.Binary("**", left, unary(true), t.line());
    }
    return left;
  }

  private Expr unary(boolean withFilter) {
    Token t = peek();
    Expr node;
    if (t.isOperator("-") || t.isOperator("+")) {
      next();
      node = new Expr.Unary(t.value(), unary(false), t.line());
    } else {
      node = primary();
    }
    node = postfix(node);
    return withFilter ? filterExpr(node) : node;
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NAME -> {
        return switch (t.value()) {
          case "true", "True" -> new Expr.Const(Boolean.TRUE, t.line());
          case "false", "False" -> new Expr.Const(Boolean.FALSE, t.line());
          case "none", "None" -> new Expr.Const(null, t.line());
          default -> new Expr.Name(t.value(), t.line());
        };
      }
      case STRING -> {
        StringBuilder s = new StringBuilder(t.value());
        while (peek().kind() == Kind.STRING) {
          s.append(next().value());
        }
        return new Expr.Const(s.toString(), t.line());
      }
      case INTEGER -> {
        return new Expr.Const(Py.parseInt(t.value()), t.line());
      }
      case FLOAT -> {
        return new Expr.Const(Double.valueOf(t.value()), t.line());
      }
      case OPERATOR -> {
        switch (t.value()) {
          case "(" -> {
            if (peek().isOperator(")")) {
              next();
              return new Expr.TupleLit(List.of(), t.line());
            }
            Expr inner = tuple(true, Set.of());
            expect(Kind.OPERATOR, "')'");
            return inner;
          }
          case "[" -> {
            List<Expr> items = new ArrayList<>();
            while (!peek().isOperator("]")) {
              if (!items.isEmpty()) {
                expect(Kind.OPERATOR, "','");
                if (peek().isOperator("]")) {
                  break;
                }
              }
              items.add(expression(true));
            }
            next();
            return new Expr.ListLit(items, t.line());
          }
          case "{" -> {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            while (!peek().isOperator("}")) {
              if (!keys.isEmpty()) {
                expect(Kind.OPERATOR, "','");
                if (peek().isOperator("}")) {
                  break;
                }
              }
              keys.add(expression(true));
              expect(Kind.OPERATOR, "':'");
              values.add(expression(true));
            }
            next();
            return new Expr.DictLit(keys, values, t.line());
          }
          default -> throw fail(t, "Unexpected '" + t.value() + "'");
        }
      }
      default -> throw fail(t, "Unexpected " + t);
    }
  }

  private Expr postfix(Expr node) {
    while (true) {
      Token t = peek();
      if (t.isOperator(".")) {
        next();
        Token attr = next();
        if (attr.kind() == Kind.NAME) {
          node = new Expr.GetAttr(node, attr.value(), t.line());
        } else if (attr.kind() == Kind.INTEGER) {
          node = new Expr.GetItem(node, new Expr.Const(Py.parseInt(attr.value()), t.line()), t.line());
        } else {
          throw fail(attr, "Expected name or number after '.'");
        }
      } else if (t.isOperator("[")) {
        next();
        node = new Expr.GetItem(node, subscript(), t.line());
      } else if (t.isOperator("(")) {
        node = new Expr.Call(node, callArgs(), t.line());
      } else {
        return node;
      }
    }
  }

  private Expr subscript() {
    List<Expr> items = new ArrayList<>();
    int line = peek().line();
    while (true) {
      items.add(subscribed());
      if (peek().isOperator(",")) {
        next();
        if (peek().isOperator("]")) {
          break;
        }
        continue;
      }
      break;
    }
    expect(Kind.OPERATOR, "']'");
    return items.size() == 1 ? items.get(0) : new Expr.TupleLit(items, line);
  }

  private Expr subscribed() {
    int line = peek().line();
    Expr start = null;
    if (!peek().isOperator(":")) {
      start = expression(true);
      if (!peek().isOperator(":")) {
        return start;
      }
    }
    next();
    Expr stop = null;
    Expr step = null;
    if (!peek().isOperator("]") && !peek().isOperator(",") && !peek().isOperator(":")) {
      stop = expression(true);
    }
    if (peek().isOperator(":")) {
      next();
      if (!peek().isOperator("]") && !peek().isOperator(",")) {
        step = expression(true);
      }
    }
    return new Expr.Slice(start, stop, step, line);
  }

  private List<Expr.Arg> callArgs() {
    expect(Kind.OPERATOR, "'('");
    List<Expr.Arg> args = new ArrayList<>();
    while (!peek().isOperator(")")) {
      if (!args.isEmpty()) {
        expect(Kind.OPERATOR, "','");
        if (peek().isOperator(")")) {
          break;
        }
      }
      if (peek().isOperator("*")) {
        next();
        args.add(new Expr.Arg(Expr.Arg.Kind.STAR, null, expression(true)));
      } else if (peek().isOperator("**")) {
        next();
        args.add(new Expr.Arg(Expr.Arg.Kind.DOUBLE_STAR, null, expression(true)));
      } else if (peek().kind() == Kind.NAME && tokens.get(at + 1).isOperator("=")) {
        String key = next().value();
        next();
        args.add(new Expr.Arg(Expr.Arg.Kind.KEYWORD, key, expression(true)));
      } else {
        args.add(new Expr.Arg(Expr.Arg.Kind.POSITIONAL, null, expression(true)));
      }
    }
    next();
    return args;
  }

  private Expr filterExpr(Expr node) {
    while (true) {
      Token t = peek();
      if (t.isOperator("|")) {
        next();
        node = filter(node);
      } else if (t.isName("is")) {
        next();
        node = test(node, t);
      } else if (t.isOperator("(")) {
        node = new Expr.Call(node, callArgs(), t.line());
      } else {
        return node;
      }
    }
  }

  private Expr.Filter filter(Expr value) {
    Token n = name();
    StringBuilder filterName = new StringBuilder(n.value());
    while (peek().isOperator(".")) {
      next();
      filterName.append('.').append(name().value());
    }
    List<Expr.Arg> args = peek().isOperator("(") ? callArgs() : List.of();
    return new Expr.Filter(value, filterName.toString(), args, n.line());
  }

  private Expr test(Expr value, Token is) {
    boolean negated = false;
    if (peek().isName("not")) {
      next();
      negated = true;
    }
    Token n = name();
    StringBuilder testName = new StringBuilder(n.value());
    while (peek().isOperator(".")) {
      next();
      testName.append('.').append(name().value());
    }
    List<Expr.Arg> args = List.of();
    Token t = peek();
    if (t.isOperator("(")) {
      args = callArgs();
    } else if ((t.kind() == Kind.NAME || t.kind() == Kind.STRING || t.kind() == Kind.INTEGER
        || t.kind() == Kind.FLOAT || t.isOperator("(") || t.isOperator("[") || t.isOperator("{"))
        && !t.isName("else") && !t.isName("or") && !t.isName("and")) {
      if (t.isName("is")) {
        throw fail(t, "You cannot chain multiple tests with is");
      }
      args = List.of(new Expr.Arg(Expr.Arg.Kind.POSITIONAL, null, postfix(primary())));
    }
    return new Expr.Test(value, testName.toString(), args, negated, is.line());
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind() != Kind.EOF) {
      at++;
    }
    return t;
  }

  private Token name() {
    Token t = next();
    if (t.kind() != Kind.NAME) {
      throw fail(t, "Expected a name, got " + t);
    }
    return t;
  }

  private void expectName(String value) {
    Token t = next();
    if (!t.isName(value)) {
      throw fail(t, "Expected '" + value + "', got " + t);
    }
  }

  private Token expect(Kind kind, String what) {
    Token t = next();
    if (t.kind() != kind || (kind == Kind.OPERATOR && !what.equals("'" + t.value() + "'"))) {
      throw fail(t, "Expected " + what + ", got " + t);
    }
    return t;
  }

  private void endOfTag() {
    Token t = next();
    if (t.kind() != Kind.BLOCK_END) {
      throw fail(t, "Expected end of statement block, got " + t);
    }
  }

  private TemplateException fail(Token t, String message) {
    return new TemplateException(name, t.line(), message);
  }
}
