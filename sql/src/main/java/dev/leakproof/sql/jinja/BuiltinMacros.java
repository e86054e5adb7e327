package dev.leakproof.sql.jinja;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** dbt's built-in macros (namespace {@code dbt}) that ship inside Leakproof's jar. */
public final class BuiltinMacros {

  private static final String DIR = "leakproof/dbt-global/";
  private static final List<String> FILES = List.of("cross_database.sql", "statements.sql", "naming.sql",
      "generic_tests.sql", "more_macros.sql");

  private BuiltinMacros() {}

  public static List<MacroSource> load() {
    List<MacroSource> sources = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream in = BuiltinMacros.class.getClassLoader().getResourceAsStream(DIR + file)) {
        if (in == null) {
          throw new IllegalStateException("Cannot find built-in macros " + DIR + file + " on the classpath");
        }
        sources.add(new MacroSource("dbt", "dbt/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }
}
