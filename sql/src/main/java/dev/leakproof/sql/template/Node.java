package dev.leakproof.sql.template;

import java.util.List;

/** A statement of a parsed template. */
sealed interface Node {

  int line();

  /** Where an assignment goes: a name, a tuple of targets, or {@code namespace.attribute}. */
  sealed interface Target {
    record Name(String name) implements Target {}

    record Tuple(List<Target> items) implements Target {}

    record Attribute(String namespace, String attribute) implements Target {}
  }

  record Data(String text, int line) implements Node {}

  record Print(Expr value, int line) implements Node {}

  record If(List<Expr> tests, List<List<Node>> bodies, List<Node> otherwise, int line) implements Node {}

  record For(Target target, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise, int line)
      implements Node {}

  record Set(Target target, Expr value, int line) implements Node {}

  /** {@code {% set x %}...{% endset %}}, optionally through filters. */
  record SetBlock(Target target, List<Expr.Filter> filters, List<Node> body, int line) implements Node {}

  /**
   * A macro (also a dbt {@code test} or {@code materialization} block).
   *
   * @param defaults one per parameter, null where the parameter has no default
   * @param catchVarargs the body reads {@code varargs}, so extra positional arguments are allowed
   * @param catchKwargs the body reads {@code kwargs}, so unknown keyword arguments are allowed
   * @param usesCaller the body reads {@code caller}
   */
  record Macro(String name, List<String> params, List<Expr> defaults, List<Node> body, boolean catchVarargs,
      boolean catchKwargs, boolean usesCaller, int line) implements Node {}

  /** {@code {% call(params) macro(args) %}body{% endcall %}}: the body is passed as {@code caller}. */
  record CallBlock(Expr.Call call, Macro caller, int line) implements Node {}

  record FilterBlock(List<Expr.Filter> filters, List<Node> body, int line) implements Node {}

  record Do(Expr value, int line) implements Node {}

  record Break(int line) implements Node {}

  record Continue(int line) implements Node {}

  record With(List<Target> targets, List<Expr> values, List<Node> body, int line) implements Node {}

  /** dbt's {@code {% docs name %}}: kept as text, renders nothing. */
  record Docs(String name, String text, int line) implements Node {}

  /** dbt's {@code {% snapshot name %}...{% endsnapshot %}}: renders its body. */
  record Snapshot(String name, List<Node> body, int line) implements Node {}
}
