package dev.leakproof.sql.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders templates and evaluates their expressions with Jinja2's semantics: scoping (a for
 * loop's body has its own scope, an if block does not), undefined values, macros and call blocks,
 * filters and tests from the {@link Environment}. Faults become {@link TemplateException}s naming
 * the template and line, and the macros they passed through. Not thread-safe: one interpreter
 * per render thread.
 */
public final class Interpreter {

  /** How undefined names behave beyond printing as nothing. */
  public enum UndefinedMode {
    /** Jinja's default: reading an attribute of, or calling, an undefined value fails. */
    STRICT,
    /** dbt's parse phase: attributes and calls of an undefined value are undefined again. */
    LENIENT
  }

  private static final int MAX_DEPTH = 250;

  private final Environment env;
  private final UndefinedMode mode;
  private int depth;

  Interpreter(Environment env, UndefinedMode mode) {
    this.env = env;
    this.mode = mode;
  }

  public Environment environment() {
    return env;
  }

  public UndefinedMode mode() {
    return mode;
  }

  /** Renders a template against a context. */
  public String render(Template template, Context context) {
    StringBuilder out = new StringBuilder();
    Frame root = new Frame(null, context);
    try {
      renderNodes(template.body(), root, out, template.name());
    } catch (MacroReturn r) {
      // dbt: return() outside a macro ends the template; its value is printed
      out.append(Py.str(r.value()));
    }
    return out.toString();
  }

  /**
   * Renders a template to a value, as dbt's native renderer does for YAML values and test
   * arguments: a template that is one {@code {{ expression }}} gives the expression's value (a
   * list, a relation, a boolean), any other template its text; an empty template gives None.
   */
  public Object renderNative(Template template, Context context) {
    List<Node> body = template.body();
    if (body.isEmpty()) {
      return null;
    }
    if (body.size() == 1 && body.get(0) instanceof Node.Print p) {
      try {
        return evaluate(p.value(), new Frame(null, context), template.name());
      } catch (TemplateException e) {
        throw e.at(template.name(), p.line());
      } catch (MacroReturn r) {
        return r.value();
      }
    }
    return render(template, context);
  }

  /** Calls a callable (a macro, a function) from Java, as a template would. */
  public Object call(Object callable, List<Object> args, Map<String, Object> kwargs) {
    if (callable instanceof PyCallable c) {
      return c.call(this, args, kwargs);
    }
    if (callable instanceof Undefined u) {
      throw u.error();
    }
    throw new TemplateException("'" + Py.typeName(callable) + "' object is not callable");
  }

  Object renderMacro(Macro macro, List<Node> body, Frame frame, String file) {
    if (++depth > MAX_DEPTH) {
      depth = 0;
      throw new TemplateException("maximum recursion depth exceeded in macro '" + macro.name() + "'");
    }
    StringBuilder out = new StringBuilder();
    try {
      renderNodes(body, frame, out, file);
      return out.toString();
    } catch (MacroReturn r) {
      return r.value();
    } catch (TemplateException e) {
      throw e.located() ? new TemplateException("in macro '" + macro.name() + "' (" + e.template()
          + (e.line() > 0 ? ":" + e.line() : "") + "): " + e.reason()) : e;
    } finally {
      depth--;
    }
  }

  // ---- statements

  private static final class Break extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Break INSTANCE = new Break();

    private Break() {
      super(null, null, false, false);
    }
  }

  private static final class Continue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Continue INSTANCE = new Continue();

    private Continue() {
      super(null, null, false, false);
    }
  }

  void renderNodes(List<Node> nodes, Frame frame, StringBuilder out, String file) {
    for (Node node : nodes) {
      try {
        renderNode(node, frame, out, file);
      } catch (MacroReturn | Break | Continue control) {
        throw control;
      } catch (TemplateException e) {
        throw e.at(file, node.line());
      } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
        throw new TemplateException(file, node.line(), String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        throw new TemplateException(file, node.line(), e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  private void renderNode(Node node, Frame frame, StringBuilder out, String file) {
    if (node instanceof Node.Data d) {
      out.append(d.text());
    } else if (node instanceof Node.Print p) {
      out.append(Py.str(evaluate(p.value(), frame, file)));
    } else if (node instanceof Node.If i) {
      for (int k = 0; k < i.tests().size(); k++) {
        if (Py.truthy(evaluate(i.tests().get(k), frame, file))) {
          renderNodes(i.bodies().get(k), frame, out, file);
          return;
        }
      }
      renderNodes(i.otherwise(), frame, out, file);
    } else if (node instanceof Node.For f) {
      forLoop(f, frame, out, file);
    } else if (node instanceof Node.Set s) {
      assign(s.target(), evaluate(s.value(), frame, file), frame);
    } else if (node instanceof Node.SetBlock s) {
      StringBuilder captured = new StringBuilder();
      renderNodes(s.body(), frame.child(), captured, file);
      Object value = captured.toString();
      for (Expr.Filter f : s.filters()) {
        value = applyFilter(f, value, frame, file);
      }
      assign(s.target(), value, frame);
    } else if (node instanceof Node.Macro m) {
      frame.set(m.name(), new Macro(m, file, frame, frame.context()));
    } else if (node instanceof Node.CallBlock c) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("caller", new Macro(c.caller(), file, frame, frame.context()));
      out.append(Py.str(call(c.call(), frame, file, extra)));
    } else if (node instanceof Node.FilterBlock f) {
      StringBuilder captured = new StringBuilder();
      renderNodes(f.body(), frame.child(), captured, file);
      Object value = captured.toString();
      for (Expr.Filter filter : f.filters()) {
        value = applyFilter(filter, value, frame, file);
      }
      out.append(Py.str(value));
    } else if (node instanceof Node.Do d) {
      evaluate(d.value(), frame, file);
    } else if (node instanceof Node.Break) {
      throw Break.INSTANCE;
    } else if (node instanceof Node.Continue) {
      throw Continue.INSTANCE;
    } else if (node instanceof Node.With w) {
      Frame inner = frame.child();
      for (int k = 0; k < w.targets().size(); k++) {
        assign(w.targets().get(k), evaluate(w.values().get(k), frame, file), inner);
      }
      renderNodes(w.body(), inner, out, file);
    } else if (node instanceof Node.Snapshot s) {
      renderNodes(s.body(), frame, out, file);
    }
  }

  private void forLoop(Node.For f, Frame frame, StringBuilder out, String file) {
    List<Object> source = Py.iterate(evaluate(f.iterable(), frame, file));
    List<Object> items = source;
    if (f.filter() != null) {
      items = new ArrayList<>();
      for (Object item : source) {
        Frame probe = frame.child();
        assign(f.target(), item, probe);
        if (Py.truthy(evaluate(f.filter(), probe, file))) {
          items.add(item);
        }
      }
    }
    if (items.isEmpty()) {
      renderNodes(f.otherwise(), frame.child(), out, file);
      return;
    }
    LoopContext loop = new LoopContext(items);
    for (int k = 0; k < items.size(); k++) {
      Frame inner = frame.child();
      loop.at(k);
      inner.set("loop", loop);
      assign(f.target(), items.get(k), inner);
      try {
        renderNodes(f.body(), inner, out, file);
      } catch (Break b) {
        break;
      } catch (Continue c) {
        // next item
      }
    }
  }

  private void assign(Node.Target target, Object value, Frame frame) {
    if (target instanceof Node.Target.Name n) {
      frame.set(n.name(), value);
    } else if (target instanceof Node.Target.Tuple t) {
      List<Object> values = Py.iterate(value);
      if (values.size() != t.items().size()) {
        throw new TemplateException(values.size() < t.items().size()
            ? "not enough values to unpack (expected " + t.items().size() + ", got " + values.size() + ")"
            : "too many values to unpack (expected " + t.items().size() + ")");
      }
      for (int i = 0; i < values.size(); i++) {
        assign(t.items().get(i), values.get(i), frame);
      }
    } else if (target instanceof Node.Target.Attribute a) {
      Object ns = lookup(frame, a.namespace());
      if (!(ns instanceof Namespace namespace)) {
        throw new TemplateException("cannot assign attribute on non-namespace object");
      }
      namespace.values.put(a.attribute(), value);
    }
  }

  // ---- expressions

  private Object lookup(Frame frame, String name) {
    Object v = frame.lookup(name);
    return v == Py.MISSING ? env.global(name) : v;
  }

  Object evaluate(Expr e, Frame f, String file) {
    if (e instanceof Expr.Const c) {
      return c.value();
    }
    if (e instanceof Expr.Name n) {
      Object v = lookup(f, n.name());
      return v == Py.MISSING ? new Undefined("'" + n.name() + "' is undefined") : v;
    }
    if (e instanceof Expr.GetAttr g) {
      return attribute(evaluate(g.object(), f, file), g.attribute());
    }
    if (e instanceof Expr.Call c) {
      return call(c, f, file, Map.of());
    }
    if (e instanceof Expr.Binary b) {
      return binary(b, f, file);
    }
    if (e instanceof Expr.Compare c) {
      return compare(c, f, file);
    }
    if (e instanceof Expr.GetItem g) {
      return item(evaluate(g.object(), f, file), g.key(), f, file);
    }
    if (e instanceof Expr.Filter flt) {
      return applyFilter(flt, evaluate(flt.value(), f, file), f, file);
    }
    if (e instanceof Expr.Test t) {
      return test(t, f, file);
    }
    if (e instanceof Expr.Unary u) {
      if (u.op().equals("not")) {
        return !Py.truthy(evaluate(u.operand(), f, file));
      }
      Object v = defined(evaluate(u.operand(), f, file));
      return u.op().equals("-") ? Py.neg(v) : Py.pos(v);
    }
    if (e instanceof Expr.ListLit l) {
      return evaluateAll(l.items(), f, file);
    }
    if (e instanceof Expr.TupleLit t) {
      return new PyTuple(evaluateAll(t.items(), f, file));
    }
    if (e instanceof Expr.DictLit d) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < d.keys().size(); i++) {
        map.put(Py.wrap(evaluate(d.keys().get(i), f, file)), evaluate(d.values().get(i), f, file));
      }
      return map;
    }
    if (e instanceof Expr.Conditional c) {
      if (Py.truthy(evaluate(c.test(), f, file))) {
        return evaluate(c.then(), f, file);
      }
      return c.otherwise() == null ? new Undefined("the inline if-expression on line " + c.line()
          + " evaluated to false and no else section was defined.") : evaluate(c.otherwise(), f, file);
    }
    throw new TemplateException("a slice is only allowed inside []");
  }

  private boolean test(Expr.Test t, Frame f, String file) {
    Tests.TestFunction test = env.test(t.name());
    if (test == null) {
      throw new TemplateException(file, t.line(), "No test named '" + t.name() + "'.");
    }
    List<Object> args = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    arguments(t.args(), f, file, args, kwargs);
    return t.negated() != test.test(this, evaluate(t.value(), f, file), args, kwargs);
  }

  private List<Object> evaluateAll(List<Expr> items, Frame f, String file) {
    List<Object> values = new ArrayList<>();
    for (Expr item : items) {
      values.add(evaluate(item, f, file));
    }
    return values;
  }

  private Object defined(Object v) {
    if (v instanceof Undefined u) {
      throw u.error();
    }
    return v;
  }

  private Object attribute(Object o, String name) {
    if (o instanceof Undefined u) {
      if (mode == UndefinedMode.LENIENT) {
        return u;
      }
      throw u.error();
    }
    Object v = Py.getattr(o, name);
    return v == Py.MISSING ? new Undefined(missing(o, name)) : v;
  }

  private Object item(Object o, Expr key, Frame f, String file) {
    if (o instanceof Undefined u) {
      if (mode == UndefinedMode.LENIENT) {
        return u;
      }
      throw u.error();
    }
    if (key instanceof Expr.Slice s) {
      return Py.slice(o, s.start() == null ? null : evaluate(s.start(), f, file),
          s.stop() == null ? null : evaluate(s.stop(), f, file), s.step() == null ? null : evaluate(s.step(), f, file));
    }
    Object k = evaluate(key, f, file);
    Object v = Py.getitem(o, k);
    return v == Py.MISSING ? new Undefined(missing(o, Py.str(k))) : v;
  }

  private static String missing(Object o, String name) {
    if (o == null) {
      return "'None' has no attribute '" + name + "'";
    }
    return "'" + Py.typeName(o) + " object' has no attribute '" + name + "'";
  }

  private Object call(Expr.Call c, Frame f, String file, Map<String, Object> extra) {
    Object callee = evaluate(c.callee(), f, file);
    if (callee instanceof Undefined u) {
      if (mode == UndefinedMode.LENIENT) {
        return u;
      }
      throw new TemplateException(file, c.line(), u.hint());
    }
    List<Object> args = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    arguments(c.args(), f, file, args, kwargs);
    kwargs.putAll(extra);
    try {
      return call(callee, args, kwargs);
    } catch (MacroReturn r) {
      throw r;
    } catch (TemplateException e) {
      throw e.at(file, c.line());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TemplateException(file, c.line(), String.valueOf(e.getMessage()));
    }
  }

  private void arguments(List<Expr.Arg> args, Frame f, String file, List<Object> positional,
      Map<String, Object> keywords) {
    for (Expr.Arg a : args) {
      Object v = evaluate(a.value(), f, file);
      switch (a.kind()) {
        case POSITIONAL -> positional.add(v);
        case KEYWORD -> keywords.put(a.name(), v);
        case STAR -> positional.addAll(Py.iterate(defined(v)));
        default -> {
          if (!(defined(v) instanceof Map<?, ?> m)) {
            throw new TemplateException("argument after ** must be a mapping, not " + Py.typeName(v));
          }
          m.forEach((k, val) -> keywords.put(Py.str(k), val));
        }
      }
    }
  }

  private Object applyFilter(Expr.Filter flt, Object value, Frame f, String file) {
    Filters.FilterFunction filter = env.filter(flt.name());
    if (filter == null) {
      throw new TemplateException(file, flt.line(), "No filter named '" + flt.name() + "'.");
    }
    List<Object> args = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    arguments(flt.args(), f, file, args, kwargs);
    try {
      return filter.apply(this, value, args, kwargs);
    } catch (TemplateException e) {
      throw e.at(file, flt.line());
    }
  }

  private Object binary(Expr.Binary b, Frame f, String file) {
    if (b.op().equals("and")) {
      Object left = evaluate(b.left(), f, file);
      return Py.truthy(left) ? evaluate(b.right(), f, file) : left;
    }
    if (b.op().equals("or")) {
      Object left = evaluate(b.left(), f, file);
      return Py.truthy(left) ? left : evaluate(b.right(), f, file);
    }
    Object left = evaluate(b.left(), f, file);
    Object right = evaluate(b.right(), f, file);
    if (b.op().equals("~")) {
      return Py.str(left) + Py.str(right);
    }
    defined(left);
    defined(right);
    return switch (b.op()) {
      case "+" -> Py.add(left, right);
      case "-" -> Py.sub(left, right);
      case "*" -> Py.mul(left, right);
      case "/" -> Py.truediv(left, right);
      case "//" -> Py.floordiv(left, right);
      case "%" -> Py.mod(left, right);
      case "**" -> Py.pow(left, right);
      default -> throw new TemplateException("unknown operator " + b.op());
    };
  }

  private Object compare(Expr.Compare c, Frame f, String file) {
    Object left = evaluate(c.first(), f, file);
    for (int i = 0; i < c.ops().size(); i++) {
      Object right = evaluate(c.rest().get(i), f, file);
      String op = c.ops().get(i);
      boolean ok = switch (op) {
        case "==" -> Py.eq(left, right);
        case "!=" -> !Py.eq(left, right);
        case "<" -> Py.compare(defined(left), defined(right), op) < 0;
        case "<=" -> Py.compare(defined(left), defined(right), op) <= 0;
        case ">" -> Py.compare(defined(left), defined(right), op) > 0;
        case ">=" -> Py.compare(defined(left), defined(right), op) >= 0;
        case "in" -> Py.contains(right, left);
        default -> !Py.contains(right, left);
      };
      if (!ok) {
        return false;
      }
      left = right;
    }
    return true;
  }
}
