package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed query of the supported SOQL subset: {@code SELECT f1, f2 | COUNT() FROM Obj
 * [WHERE cond [AND cond]...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST]] [LIMIT n]}, where a condition
 * is {@code field op literal} ({@code = != < <= > >=}) or {@code field IN (literal, ...)}.
 *
 * @param fields selected field names as written, empty for {@code COUNT()}
 * @param limit the LIMIT, or -1
 */
record SoqlQuery(List<String> fields, boolean count, String object, List<Condition> where, String orderBy, boolean descending,
    boolean nullsLast, int limit) {

  /** One WHERE condition; {@code values} has one literal except for IN. */
  record Condition(String field, String operator, List<SoqlLexer.Token> values) {
  }

  static SoqlQuery parse(String soql) {
    return new Parser(SoqlLexer.tokenize(soql)).query();
  }

  private static final class Parser {
    private final List<SoqlLexer.Token> tokens;
    private int at;

    Parser(List<SoqlLexer.Token> tokens) {
      this.tokens = tokens;
    }

    SoqlQuery query() {
      keyword("SELECT");
      List<String> fields = new ArrayList<>();
      boolean count = false;
      if (peek().isKeyword("COUNT") && tokens.get(at + 1).isSymbol("(")) {
        at++;
        symbol("(");
        symbol(")");
        count = true;
      } else {
        fields.add(ident());
        while (peek().isSymbol(",")) {
          at++;
          fields.add(ident());
        }
      }
      keyword("FROM");
      String object = ident();
      List<Condition> where = new ArrayList<>();
      if (accept("WHERE")) {
        where.add(condition());
        while (accept("AND")) {
          where.add(condition());
        }
      }
      String orderBy = null;
      boolean descending = false;
      boolean nullsLast = false;
      if (accept("ORDER")) {
        keyword("BY");
        orderBy = ident();
        descending = accept("DESC");
        if (!descending) {
          accept("ASC");
        }
        nullsLast = descending;
        if (accept("NULLS")) {
          nullsLast = accept("LAST");
          if (!nullsLast) {
            keyword("FIRST");
          }
        }
      }
      int limit = -1;
      if (accept("LIMIT")) {
        SoqlLexer.Token n = next();
        if (n.kind() != SoqlLexer.Kind.NUMBER || !n.text().matches("\\d+")) {
          throw unexpected(n);
        }
        limit = Integer.parseInt(n.text());
      }
      if (peek().kind() != SoqlLexer.Kind.END) {
        throw unexpected(peek());
      }
      return new SoqlQuery(fields, count, object, where, orderBy, descending, nullsLast, limit);
    }

    private Condition condition() {
      String field = ident();
      if (accept("IN")) {
        symbol("(");
        List<SoqlLexer.Token> values = new ArrayList<>(List.of(literal()));
        while (peek().isSymbol(",")) {
          at++;
          values.add(literal());
        }
        symbol(")");
        return new Condition(field, "IN", values);
      }
      SoqlLexer.Token op = next();
      if (op.kind() != SoqlLexer.Kind.SYMBOL || !List.of("=", "!=", "<", "<=", ">", ">=").contains(op.text())) {
        throw unexpected(op);
      }
      return new Condition(field, op.text(), List.of(literal()));
    }

    private SoqlLexer.Token literal() {
      SoqlLexer.Token t = next();
      boolean word = t.isKeyword("null") || t.isKeyword("true") || t.isKeyword("false");
      if (t.kind() == SoqlLexer.Kind.IDENT && !word || t.kind() == SoqlLexer.Kind.SYMBOL || t.kind() == SoqlLexer.Kind.END) {
        throw unexpected(t);
      }
      return t;
    }

    private String ident() {
      SoqlLexer.Token t = next();
      if (t.kind() != SoqlLexer.Kind.IDENT) {
        throw unexpected(t);
      }
      return t.text();
    }

    private boolean accept(String keyword) {
      if (peek().isKeyword(keyword)) {
        at++;
        return true;
      }
      return false;
    }

    private void keyword(String keyword) {
      if (!accept(keyword)) {
        throw unexpected(peek());
      }
    }

    private void symbol(String symbol) {
      SoqlLexer.Token t = next();
      if (!t.isSymbol(symbol)) {
        throw unexpected(t);
      }
    }

    private SoqlLexer.Token peek() {
      return tokens.get(at);
    }

    private SoqlLexer.Token next() {
      SoqlLexer.Token t = tokens.get(at);
      if (t.kind() != SoqlLexer.Kind.END) {
        at++;
      }
      return t;
    }

    private static ApiException unexpected(SoqlLexer.Token t) {
      return ApiException.malformedQuery(t.kind() == SoqlLexer.Kind.END ? "unexpected end of query"
          : "unexpected token: '" + t.text() + "' at column " + (t.position() + 1));
    }
  }
}
