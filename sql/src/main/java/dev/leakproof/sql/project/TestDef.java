package dev.leakproof.sql.project;

import java.util.Map;

/**
 * A data test: a generic test on a column (or a whole model) declared in yml, or a singular test
 * SQL file.
 *
 * @param target the model, seed or source ({@code source.table}) tested; null for singular tests
 * @param column null for model-level tests
 * @param testName {@code unique}, {@code not_null}, {@code accepted_values}, {@code relationships},
 *     a custom generic test's name, or the singular test's file name
 * @param args the test's arguments from yml (values, to, field, ...)
 * @param sql the singular test's SQL, null for generic tests
 */
public record TestDef(NodeKind targetKind, String target, String column, String testName, Map<String, Object> args,
    String file, String sql) {

  public TestDef {
    args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
  }

  /** The test's unique name, as dbt prints it. */
  public String uniqueName() {
    if (sql != null) {
      return testName;
    }
    String subject = target.replace('.', '_') + (column == null ? "" : "_" + column);
    String suffix = "";
    if (args.containsKey("values")) {
      suffix = "__" + String.join("__", ((java.util.List<?>) args.get("values")).stream().map(String::valueOf).toList());
    } else if (args.containsKey("to")) {
      suffix = "__" + args.get("field") + "__" + String.valueOf(args.get("to")).replaceAll("[^A-Za-z0-9_]", "");
    }
    String full = testName + "_" + subject + suffix;
    return full.length() <= 64 ? full : full.substring(0, 55) + "_" + shortHash(full);
  }

  /** Long test names are cut and made unique with a hash of the full name, as dbt does. */
  private static String shortHash(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("MD5")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
