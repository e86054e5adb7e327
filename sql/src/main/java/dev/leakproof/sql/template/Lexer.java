package dev.leakproof.sql.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into tokens as Jinja2's lexer does with its default delimiters: text,
 * {@code {{ }}} and {@code {% %}} tags (a tag's end is only recognised while its brackets are
 * balanced, so {@code {{ {'a': {'b': 1}} }}} works), {@code {# #}} comments, {@code {% raw %}},
 * and whitespace control ({@code {%-}/{@code -%}} strip the whitespace beside the tag). As in
 * Jinja with {@code keep_trailing_newline=False}, one newline at the end of the template is
 * dropped.
 */
final class Lexer {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT = Pattern.compile(
      "(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
  private static final Pattern INTEGER = Pattern.compile(
      "0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?\\d)*|0(_?0)*");
  private static final Pattern RAW_END = Pattern.compile("\\{%(-?)\\s*endraw\\s*(-?)%}");
  private static final Pattern RAW_BEGIN = Pattern.compile("\\{%(-?)\\s*raw\\s*(-?)%}");
  private static final String[] OPERATORS = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[",
      "]", "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"};

  private final String name;
  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  private boolean stripNext;

  private Lexer(String name, String source) {
    this.name = name;
    this.src = source.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The tokens of a template, ending with {@link Token.Kind#EOF}. */
  static List<Token> tokenize(String name, String source) {
    Lexer lexer = new Lexer(name, source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    String text = src.endsWith("\n") ? src.substring(0, src.length() - 1) : src;
    int end = text.length();
    while (pos < end) {
      int open = nextTag(text, pos);
      String data = text.substring(pos, open < 0 ? end : open);
      boolean stripBefore = open >= 0 && open + 2 < end && text.charAt(open + 2) == '-';
      if (open >= 0 && text.charAt(open + 1) == '%') {
        Matcher raw = RAW_BEGIN.matcher(text).region(open, end);
        if (raw.lookingAt()) {
          emitData(data, stripBefore || !raw.group(1).isEmpty());
          rawBlock(text, raw);
          continue;
        }
      }
      emitData(data, stripBefore);
      if (open < 0) {
        pos = end;
        break;
      }
      pos = open;
      char kind = text.charAt(open + 1);
      if (kind == '#') {
        comment(text);
      } else {
        tag(text, kind == '{');
      }
    }
    tokens.add(new Token(Token.Kind.EOF, "", line));
  }

  private static int nextTag(String text, int from) {
    int i = text.indexOf('{', from);
    while (i >= 0 && i + 1 < text.length()) {
      char c = text.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
      i = text.indexOf('{', i + 1);
    }
    return -1;
  }

  private void emitData(String data, boolean stripTrailing) {
    int dataLine = line;
    line += count(data);
    String d = data;
    if (stripNext) {
      String stripped = d.stripLeading();
      dataLine += count(d.substring(0, d.length() - stripped.length()));
      d = stripped;
      stripNext = false;
    }
    if (stripTrailing) {
      d = d.stripTrailing();
    }
    if (!d.isEmpty()) {
      tokens.add(new Token(Token.Kind.DATA, d, dataLine));
    }
  }

  private void rawBlock(String text, Matcher begin) {
    line += count(begin.group());
    stripNext = !begin.group(2).isEmpty();
    Matcher endRaw = RAW_END.matcher(text).region(begin.end(), text.length());
    if (!endRaw.find()) {
      throw new TemplateException(name, line, "Missing end of raw directive");
    }
    pos = begin.end();
    emitData(text.substring(begin.end(), endRaw.start()), !endRaw.group(1).isEmpty());
    line += count(endRaw.group());
    stripNext = !endRaw.group(2).isEmpty();
    pos = endRaw.end();
  }

  private void comment(String text) {
    int close = text.indexOf("#}", pos + 2);
    if (close < 0) {
      throw new TemplateException(name, line, "Missing end of comment tag");
    }
    line += count(text.substring(pos, close + 2));
    stripNext = text.charAt(close - 1) == '-' && close - 1 > pos + 1;
    pos = close + 2;
  }

  private void tag(String text, boolean variable) {
    int startLine = line;
    tokens.add(new Token(variable ? Token.Kind.VARIABLE_BEGIN : Token.Kind.BLOCK_BEGIN, variable ? "{{" : "{%", line));
    pos += 2;
    if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      pos++;
    }
    String close = variable ? "}}" : "%}";
    Deque<Character> balance = new ArrayDeque<>();
    Token previous = null;
    while (true) {
      if (pos >= text.length()) {
        throw new TemplateException(name, startLine, "Unexpected end of template: " + (variable ? "'}}'" : "'%}'")
            + " expected");
      }
      char c = text.charAt(pos);
      if (c == '\n' || c == ' ' || c == '\t') {
        if (c == '\n') {
          line++;
        }
        pos++;
        continue;
      }
      if (balance.isEmpty()) {
        boolean dash = (c == '-' || c == '+') && text.startsWith(close, pos + 1);
        if (dash || text.startsWith(close, pos)) {
          tokens.add(new Token(variable ? Token.Kind.VARIABLE_END : Token.Kind.BLOCK_END, close, line));
          pos += close.length() + (dash ? 1 : 0);
          stripNext = dash && c == '-';
          return;
        }
      }
      Token t = next(text, previous);
      if (t.kind() == Token.Kind.OPERATOR) {
        switch (t.value()) {
          case "(" -> balance.push(')');
          case "[" -> balance.push(']');
          case "{" -> balance.push('}');
          case ")", "]", "}" -> {
            if (balance.isEmpty() || balance.pop() != t.value().charAt(0)) {
              throw new TemplateException(name, line, "Unexpected '" + t.value() + "'");
            }
          }
          default -> { }
        }
      }
      tokens.add(t);
      previous = t;
    }
  }

  private Token next(String text, Token previous) {
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return string(text, c);
    }
    Matcher m = NAME.matcher(text).region(pos, text.length());
    if (m.lookingAt()) {
      pos = m.end();
      return new Token(Token.Kind.NAME, m.group(), line);
    }
    boolean afterDot = previous != null && previous.isOperator(".");
    m = FLOAT.matcher(text).region(pos, text.length());
    if (!afterDot && m.lookingAt()) {
      pos = m.end();
      return new Token(Token.Kind.FLOAT, m.group().replace("_", ""), line);
    }
    m = INTEGER.matcher(text).region(pos, text.length());
    if (m.lookingAt()) {
      pos = m.end();
      return new Token(Token.Kind.INTEGER, m.group().replace("_", ""), line);
    }
    for (String op : OPERATORS) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Token.Kind.OPERATOR, op, line);
      }
    }
    throw new TemplateException(name, line, "Unexpected char '" + c + "'");
  }

  private Token string(String text, char quote) {
    int startLine = line;
    StringBuilder out = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= text.length()) {
        throw new TemplateException(name, startLine, "Unexpected end of string");
      }
      char c = text.charAt(i);
      if (c == quote) {
        break;
      }
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && i + 1 < text.length()) {
        i = escape(text, i + 1, out);
        continue;
      }
      out.append(c);
      i++;
    }
    pos = i + 1;
    return new Token(Token.Kind.STRING, out.toString(), startLine);
  }

  /** Python's string escapes; an unknown escape keeps its backslash ({@code '\d'} stays {@code \d}). */
  private int escape(String text, int i, StringBuilder out) {
    char e = text.charAt(i);
    switch (e) {
      case '\\', '\'', '"' -> out.append(e);
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case 'a' -> out.append('\u0007');
      case '\n' -> line++;
      case 'x', 'u', 'U' -> {
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + digits < text.length() + 0 && text.substring(i + 1, Math.min(text.length(), i + 1 + digits))
            .matches("[0-9a-fA-F]{" + digits + "}")) {
          out.appendCodePoint(Integer.parseInt(text.substring(i + 1, i + 1 + digits), 16));
          return i + 1 + digits;
        }
        out.append('\\').append(e);
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int j = i;
          while (j < text.length() && j < i + 3 && text.charAt(j) >= '0' && text.charAt(j) <= '7') {
            j++;
          }
          out.append((char) Integer.parseInt(text.substring(i, j), 8));
          return j;
        }
        out.append('\\').append(e);
      }
    }
    return i + 1;
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
