package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a SOQL string into identifiers, string, number and date literals, and punctuation. */
final class SoqlLexer {

  enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, SYMBOL, END }

  record Token(Kind kind, String text, int position) {
    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }
  }

  private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private SoqlLexer() {
  }

  static List<Token> tokenize(String soql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        i = string(soql, i, out);
      } else if (c == '!' || c == '<' || c == '>') {
        String two = i + 1 < soql.length() ? soql.substring(i, i + 2) : "";
        boolean pair = two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("<>");
        if (c == '!' && !pair) {
          throw ApiException.malformedQuery("unexpected token: '!' at column " + (i + 1));
        }
        out.add(new Token(Kind.SYMBOL, pair ? (two.equals("<>") ? "!=" : two) : String.valueOf(c), i));
        i += pair ? 2 : 1;
      } else if ("(),=*".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
        i++;
      } else {
        i = matchOne(soql, i, out);
      }
    }
    out.add(new Token(Kind.END, "", soql.length()));
    return out;
  }

  private static int matchOne(String soql, int i, List<Token> out) {
    for (Object[] candidate : new Object[][] {{DATETIME, Kind.DATETIME}, {DATE, Kind.DATE}, {NUMBER, Kind.NUMBER}, {IDENT, Kind.IDENT}}) {
      Matcher m = ((Pattern) candidate[0]).matcher(soql).region(i, soql.length());
      if (m.lookingAt()) {
        out.add(new Token((Kind) candidate[1], m.group(), i));
        return m.end();
      }
    }
    throw ApiException.malformedQuery("unexpected token: '" + soql.charAt(i) + "' at column " + (i + 1));
  }

  private static int string(String soql, int start, List<Token> out) {
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      if (c == '\\' && i + 1 < soql.length()) {
        char e = soql.charAt(i + 1);
        text.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> e;
        });
        i += 2;
      } else if (c == '\'') {
        out.add(new Token(Kind.STRING, text.toString(), start));
        return i + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    throw ApiException.malformedQuery("unterminated string literal at column " + (start + 1));
  }
}
