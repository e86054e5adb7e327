package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.Map;

/** A seed: a CSV file loaded as a table, with its configs ({@code column_types} among them). */
public record SeedFile(String name, Path path, String relativePath, Map<String, Object> config) {

  public SeedFile {
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }
}
