package dev.leakproof.sql.profile;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the one piece of Jinja profiles.yml values use, {@code {{ env_var('NAME') }}} and
 * {@code {{ env_var('NAME', 'default') }}}, without a template engine: a value holding any other
 * template is rejected rather than passed through half-rendered.
 */
public final class EnvVars {

  private static final Pattern ENV_VAR = Pattern.compile(
      "\\{\\{\\s*env_var\\(\\s*(['\"])([^'\"]+)\\1\\s*"
          + "(?:,\\s*(?:(['\"])(.*?)\\3|([-+.\\w]+))\\s*)?\\)\\s*}}");

  private EnvVars() {}

  /**
   * Replaces every {@code env_var} call in {@code value}.
   *
   * @param key the profiles.yml key, for messages; a secret key's text is never echoed
   * @param where where the value is, for messages: {@code profiles.yml, target prod}
   * @throws ProfileException when a variable without default is unset, or another template is used
   */
  public static String render(String value, Function<String, String> env, String key, String where) {
    if (value == null || !value.contains("{{")) {
      return value;
    }
    Matcher m = ENV_VAR.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String resolved = env.apply(name);
      if (resolved == null) {
        resolved = m.group(4) != null ? m.group(4) : m.group(5);
      }
      if (resolved == null) {
        throw new ProfileException("Env var required but not provided: '" + name + "' (" + where + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    m.appendTail(out);
    String rendered = out.toString();
    String rest = ENV_VAR.matcher(value).replaceAll("");
    if (rest.contains("{{") || rest.contains("{%")) {
      throw new ProfileException("Invalid " + key + ": " + (Profiles.isSecretKey(key) ? "****" : value)
          + " (" + where + "; only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} are supported)");
    }
    return rendered;
  }
}
