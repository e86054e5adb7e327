package dev.leakproof.sql.project;

import java.util.List;
import java.util.Map;

/**
 * A dbt unit test ({@code unit_tests:} in a properties file, dbt 1.8+): the model under test, the
 * rows each of its inputs holds, the rows it must give, and overrides of macros, vars and
 * environment variables.
 *
 * @param given each input: {@code input} (a {@code ref(...)} or {@code source(...)} call),
 *     {@code rows}, {@code format} ({@code dict}, {@code csv}, {@code sql}), {@code fixture}
 * @param expect {@code rows}, {@code format}, {@code fixture}
 */
public record UnitTestDef(String packageName, String name, String model, List<Map<String, Object>> given,
    Map<String, Object> expect, Map<String, Object> overrides, Map<String, Object> config, String description,
    String file) {

  public UnitTestDef {
    given = List.copyOf(given);
    expect = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }

  public String uniqueId() {
    return "unit_test." + packageName + "." + model + "." + name;
  }
}
