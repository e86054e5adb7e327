package dev.leakproof.sql.project;

/** The kinds of nodes in a project's graph. */
public enum NodeKind {
  MODEL, SEED, SOURCE, TEST, UNIT_TEST, ANALYSIS;

  /** dbt's resource type name ({@code model}, {@code unit_test}, ...). */
  public String resourceType() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
