package dev.leakproof.sql.template;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a macro body reads, nested macros excluded: Jinja decides from them whether a macro
 * accepts {@code varargs}, {@code kwargs} and a {@code caller}.
 */
final class Names {

  private Names() {}

  static Set<String> read(List<Node> body) {
    Set<String> names = new HashSet<>();
    nodes(body, names);
    return names;
  }

  private static void nodes(List<Node> body, Set<String> names) {
    for (Node n : body) {
      node(n, names);
    }
  }

  private static void node(Node n, Set<String> names) {
    if (n instanceof Node.Print p) {
      expr(p.value(), names);
    } else if (n instanceof Node.If i) {
      i.tests().forEach(t -> expr(t, names));
      i.bodies().forEach(b -> nodes(b, names));
      nodes(i.otherwise(), names);
    } else if (n instanceof Node.For f) {
      expr(f.iterable(), names);
      if (f.filter() != null) {
        expr(f.filter(), names);
      }
      nodes(f.body(), names);
      nodes(f.otherwise(), names);
    } else if (n instanceof Node.Set s) {
      expr(s.value(), names);
      if (s.target() instanceof Node.Target.Attribute a) {
        names.add(a.namespace());
      }
    } else if (n instanceof Node.SetBlock s) {
      s.filters().forEach(f -> expr(f, names));
      nodes(s.body(), names);
    } else if (n instanceof Node.CallBlock c) {
      expr(c.call(), names);
      nodes(c.caller().body(), names);
    } else if (n instanceof Node.FilterBlock f) {
      f.filters().forEach(x -> expr(x, names));
      nodes(f.body(), names);
    } else if (n instanceof Node.Do d) {
      expr(d.value(), names);
    } else if (n instanceof Node.With w) {
      w.values().forEach(v -> expr(v, names));
      nodes(w.body(), names);
    } else if (n instanceof Node.Snapshot s) {
      nodes(s.body(), names);
    }
  }

  private static void expr(Expr e, Set<String> names) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Name n) {
      names.add(n.name());
    } else if (e instanceof Expr.TupleLit t) {
      t.items().forEach(x -> expr(x, names));
    } else if (e instanceof Expr.ListLit l) {
      l.items().forEach(x -> expr(x, names));
    } else if (e instanceof Expr.DictLit d) {
      d.keys().forEach(x -> expr(x, names));
      d.values().forEach(x -> expr(x, names));
    } else if (e instanceof Expr.GetAttr g) {
      expr(g.object(), names);
    } else if (e instanceof Expr.GetItem g) {
      expr(g.object(), names);
      expr(g.key(), names);
    } else if (e instanceof Expr.Slice s) {
      expr(s.start(), names);
      expr(s.stop(), names);
      expr(s.step(), names);
    } else if (e instanceof Expr.Call c) {
      expr(c.callee(), names);
      c.args().forEach(a -> expr(a.value(), names));
    } else if (e instanceof Expr.Filter f) {
      expr(f.value(), names);
      f.args().forEach(a -> expr(a.value(), names));
    } else if (e instanceof Expr.Test t) {
      expr(t.value(), names);
      t.args().forEach(a -> expr(a.value(), names));
    } else if (e instanceof Expr.Unary u) {
      expr(u.operand(), names);
    } else if (e instanceof Expr.Binary b) {
      expr(b.left(), names);
      expr(b.right(), names);
    } else if (e instanceof Expr.Compare c) {
      expr(c.first(), names);
      c.rest().forEach(x -> expr(x, names));
    } else if (e instanceof Expr.Conditional c) {
      expr(c.test(), names);
      expr(c.then(), names);
      expr(c.otherwise(), names);
    }
  }
}
