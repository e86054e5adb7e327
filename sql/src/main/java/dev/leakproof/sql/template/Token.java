package dev.leakproof.sql.template;

/**
 * One lexical token of a template: literal text between tags, a tag's delimiters, or a piece of
 * an expression inside one.
 *
 * @param line 1-based line of the token's first character in the template
 */
record Token(Kind kind, String value, int line) {

  /** What a token is. */
  enum Kind {
    /** Text outside tags, already trimmed by whitespace control. */
    DATA,
    VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END,
    NAME, STRING, INTEGER, FLOAT,
    /** An operator or punctuation: {@code + - * / // % ** ~ == != < <= > >= = . , : | ( ) [ ] { }}. */
    OPERATOR,
    EOF
  }

  boolean is(Kind k, String v) {
    return kind == k && value.equals(v);
  }

  boolean isOperator(String v) {
    return kind == Kind.OPERATOR && value.equals(v);
  }

  boolean isName(String v) {
    return kind == Kind.NAME && value.equals(v);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DATA -> "template data";
      case EOF -> "end of template";
      case VARIABLE_END -> "'}}'";
      case BLOCK_END -> "'%}'";
      case STRING -> "string";
      default -> "'" + value + "'";
    };
  }
}
