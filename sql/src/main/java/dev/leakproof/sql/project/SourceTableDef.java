package dev.leakproof.sql.project;

/**
 * One table of a source declared in a model folder's yml.
 *
 * @param schema the warehouse schema holding it (the source's {@code schema}, default its name)
 * @param identifier the table's name in the warehouse (default its name)
 */
public record SourceTableDef(String sourceName, String tableName, String schema, String identifier, String file) {

  /** The key used by {@code source('name', 'table')}. */
  public String key() {
    return sourceName + "." + tableName;
  }
}
