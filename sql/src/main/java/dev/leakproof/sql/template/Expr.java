package dev.leakproof.sql.template;

import java.util.List;

/** An expression of Jinja's grammar; each knows the line it starts on, for messages. */
sealed interface Expr {

  int line();

  /** A literal: string, integer (Long), float (Double), boolean or none (null). */
  record Const(Object value, int line) implements Expr {}

  record Name(String name, int line) implements Expr {}

  record TupleLit(List<Expr> items, int line) implements Expr {}

  record ListLit(List<Expr> items, int line) implements Expr {}

  record DictLit(List<Expr> keys, List<Expr> values, int line) implements Expr {}

  /** {@code obj.attr}: an attribute, else an item of that name (Jinja's getattr). */
  record GetAttr(Expr object, String attribute, int line) implements Expr {}

  /** {@code obj[key]}: an item, else an attribute (Jinja's getitem). */
  record GetItem(Expr object, Expr key, int line) implements Expr {}

  /** {@code start:stop:step} inside brackets; each part may be null. */
  record Slice(Expr start, Expr stop, Expr step, int line) implements Expr {}

  /** One argument of a call, filter or test. */
  record Arg(Kind kind, String name, Expr value) {
    enum Kind { POSITIONAL, KEYWORD, STAR, DOUBLE_STAR }
  }

  record Call(Expr callee, List<Arg> args, int line) implements Expr {}

  /** {@code value | name(args)}; value is null inside a {@code {% filter %}} block's chain. */
  record Filter(Expr value, String name, List<Arg> args, int line) implements Expr {}

  /** {@code value is [not] name(args)}. */
  record Test(Expr value, String name, List<Arg> args, boolean negated, int line) implements Expr {}

  /** {@code -x}, {@code +x}, {@code not x}. */
  record Unary(String op, Expr operand, int line) implements Expr {}

  /** Arithmetic, {@code ~}, {@code and}, {@code or}. */
  record Binary(String op, Expr left, Expr right, int line) implements Expr {}

  /** {@code a < b <= c}, {@code x in y}, {@code x not in y}: chained as in Python. */
  record Compare(Expr first, List<String> ops, List<Expr> rest, int line) implements Expr {}

  /** {@code a if test else b}; otherwise is null when there is no else (an undefined value). */
  record Conditional(Expr test, Expr then, Expr otherwise, int line) implements Expr {}
}
