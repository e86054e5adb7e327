package dev.leakproof.sql.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed template: its statements, ready to render any number of times. Parsing is where
 * syntax errors are reported, with the template's name and line.
 */
public final class Template {

  private final String name;
  private final List<Node> body;

  Template(String name, List<Node> body) {
    this.name = name;
    this.body = List.copyOf(body);
  }

  /**
   * Parses a template.
   *
   * @param name the file name used in messages
   * @throws TemplateException when the text is not valid Jinja
   */
  public static Template parse(String name, String source) {
    return Parser.parse(name, source);
  }

  /**
   * Python's {@code ast.literal_eval}: the value a literal denotes ({@code 3}, {@code 'a'},
   * {@code [1, 2]}, {@code {'k': True}}, {@code None}), or {@link Py#MISSING} when the text is not
   * a literal.
   */
  public static Object literal(String text) {
    if (text.contains("{{") || text.contains("}}") || text.contains("{%") || text.contains("{#")) {
      return Py.MISSING;
    }
    try {
      Template t = Parser.parse("<literal>", "{{ " + text + " }}");
      if (t.body.size() != 1 || !(t.body.get(0) instanceof Node.Print p) || !isLiteral(p.value())) {
        return Py.MISSING;
      }
      return new Environment().interpreter(Interpreter.UndefinedMode.STRICT).renderNative(t, name -> Py.MISSING);
    } catch (TemplateException e) {
      return Py.MISSING;
    }
  }

  private static boolean isLiteral(Expr e) {
    if (e instanceof Expr.Const) {
      return true;
    }
    if (e instanceof Expr.Unary u && (u.op().equals("-") || u.op().equals("+"))) {
      return u.operand() instanceof Expr.Const c && Py.isNumber(c.value());
    }
    if (e instanceof Expr.ListLit l) {
      return l.items().stream().allMatch(Template::isLiteral);
    }
    if (e instanceof Expr.TupleLit t) {
      return t.items().stream().allMatch(Template::isLiteral);
    }
    if (e instanceof Expr.DictLit d) {
      return d.keys().stream().allMatch(Template::isLiteral) && d.values().stream().allMatch(Template::isLiteral);
    }
    return false;
  }

  public String name() {
    return name;
  }

  List<Node> body() {
    return body;
  }

  /** The macros defined at the top level (tests as {@code test_<name>}, materializations too). */
  public List<MacroDefinition> macros() {
    List<MacroDefinition> macros = new ArrayList<>();
    for (Node n : body) {
      if (n instanceof Node.Macro m) {
        macros.add(new MacroDefinition(m, name));
      }
    }
    return macros;
  }

  /** The {@code {% docs %}} blocks at the top level: name, text. */
  public java.util.Map<String, String> docs() {
    java.util.Map<String, String> docs = new java.util.LinkedHashMap<>();
    for (Node n : body) {
      if (n instanceof Node.Docs d) {
        docs.put(d.name(), d.text());
      }
    }
    return docs;
  }

  /** The names a snapshot file's {@code {% snapshot %}} blocks define. */
  public List<String> snapshots() {
    return body.stream().filter(Node.Snapshot.class::isInstance).map(n -> ((Node.Snapshot) n).name()).toList();
  }
}
