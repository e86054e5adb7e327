package dev.leakproof.sql.jinja;

import java.util.Objects;

/**
 * The text of a file of macros or generic tests, with its namespace: the root project's name, a
 * package's name, or {@code dbt} for the built-in cross-database macros.
 */
public record MacroSource(String namespace, String file, String text) {

  public MacroSource {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
  }
}
