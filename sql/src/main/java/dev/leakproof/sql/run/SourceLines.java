package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a compile error's position in the rendered SQL back to the model file a person edits:
 * the line of the file holding the same text, else the line naming the identifier the message
 * quotes. Jinja keeps no source map, so when neither is found the rendered line is given, marked
 * as such.
 */
final class SourceLines {

  private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_][A-Za-z0-9_.]*)'");

  private SourceLines() {}

  static CompileException map(CompileException e, String rawSql, String renderedSql) {
    String message = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    int rendered = e.line();
    String[] raw = rawSql.split("\n", -1);
    String[] out = renderedSql.split("\n", -1);
    if (rendered >= 1 && rendered <= out.length) {
      String text = out[rendered - 1].strip();
      for (int i = 0; i < raw.length && !text.isEmpty(); i++) {
        if (raw[i].strip().equals(text)) {
          return new CompileException(e.file(), i + 1, e.column(), message);
        }
      }
    }
    Matcher quoted = QUOTED.matcher(message);
    if (quoted.find()) {
      Pattern word = Pattern.compile("\\b" + Pattern.quote(quoted.group(1)) + "\\b", Pattern.CASE_INSENSITIVE);
      for (int i = 0; i < raw.length; i++) {
        if (word.matcher(raw[i]).find()) {
          return new CompileException(e.file(), i + 1, 0, message);
        }
      }
    }
    return new CompileException(e.file() + " (compiled SQL)", e.line(), e.column(), message);
  }
}
