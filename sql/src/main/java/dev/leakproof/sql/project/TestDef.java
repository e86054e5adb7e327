package dev.leakproof.sql.project;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data test: a generic test on a column (or a whole model, seed or source) declared in a
 * properties file, or a singular test SQL file.
 *
 * @param target the model or seed tested, or {@code source_name.table_name}; null for singular tests
 * @param column null for model-level tests
 * @param testName the generic test's name, with its package when given ({@code dbt_utils.expression_is_true}),
 *     or the singular test's file name
 * @param args the test's arguments from yml (values, to, field, ...), not yet rendered
 * @param config the test's config ({@code severity}, {@code where}, {@code enabled}, ...)
 * @param customName the {@code name:} given in yml, or null
 * @param sql the singular test's SQL, null for generic tests
 */
public record TestDef(String packageName, NodeKind targetKind, String target, String column, String testName,
    Map<String, Object> args, Map<String, Object> config, String customName, String file, String sql,
    List<String> folders) {

  public TestDef {
    args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    folders = List.copyOf(folders);
  }

  public boolean singular() {
    return sql != null;
  }

  /** The test's name, as dbt synthesizes it (cut to under 64 characters with a hash). */
  public String uniqueName() {
    return names()[0];
  }

  /** dbt's unique id: {@code test.<package>.<full name>.<hash>}. */
  public String uniqueId() {
    if (singular()) {
      return "test." + packageName + "." + testName;
    }
    String full = names()[1];
    return "test." + packageName + "." + full + "." + md5(full + "|" + file + "|" + args + "|" + column).substring(0, 10);
  }

  /** The short and the full synthesized name (dbt's synthesize_generic_test_names). */
  private String[] names() {
    if (singular()) {
      return new String[] {testName, testName};
    }
    if (customName != null) {
      return new String[] {customName, customName};
    }
    String[] ns = testName.split("\\.", 2);
    String name = (targetKind == NodeKind.SOURCE ? "source_" : "") + (ns.length == 2 ? ns[1] : ns[0]);
    if (ns.length == 2) {
      name = ns[0] + "_" + name;
    }
    String subject = targetKind == NodeKind.SOURCE ? target.replace('.', '_') : target;
    Map<String, Object> all = new TreeMap<>(args);
    if (column != null) {
      all.put("column_name", column);
    }
    List<String> flat = new ArrayList<>();
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (e.getKey().equals("model")) {
        continue;
      }
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        m.values().forEach(x -> flat.add(pyStr(x)));
      } else if (v instanceof List<?> l) {
        l.forEach(x -> flat.add(pyStr(x)));
      } else {
        flat.add(pyStr(v));
      }
    }
    List<String> clean = flat.stream().map(s -> s.replaceAll("[^0-9a-zA-Z_]+", "_")).toList();
    String identifier = name + "_" + subject;
    String full = identifier + "_" + String.join("__", clean);
    String shortName = full.length() >= 64 ? (identifier.length() > 30 ? identifier.substring(0, 30) : identifier)
        + "_" + md5(full) : full;
    return new String[] {shortName, full};
  }

  private static String pyStr(Object v) {
    return dev.leakproof.sql.template.Py.str(v);
  }

  private static String md5(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
