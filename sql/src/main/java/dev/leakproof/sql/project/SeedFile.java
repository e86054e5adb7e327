package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A seed: a CSV file loaded as a table, with its configs ({@code column_types} among them). */
public record SeedFile(String packageName, String name, Path path, String relativePath, String displayPath,
    List<String> folders, Map<String, Object> config, Properties properties) {

  public SeedFile {
    folders = List.copyOf(folders);
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }

  public String uniqueId() {
    return "seed." + packageName + "." + name;
  }

  public List<String> fqn() {
    List<String> fqn = new ArrayList<>();
    fqn.add(packageName);
    fqn.addAll(folders);
    fqn.add(name);
    return fqn;
  }
}
