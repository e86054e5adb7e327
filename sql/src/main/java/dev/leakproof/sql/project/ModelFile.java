package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's (or an analysis's) SQL file, not yet rendered.
 *
 * @param packageName the package it belongs to (the root project's name for its own models)
 * @param relativePath path below its package's folder, as dbt's original_file_path
 * @param displayPath path below the root project's folder, for messages
 * @param folders folders between the resource path and the file, for folder-level configs
 * @param folderConfig configs from dbt_project.yml (the package's, then the root's) that apply
 * @param properties what the properties files say about it
 */
public record ModelFile(String packageName, String name, Path path, String relativePath, String displayPath,
    List<String> folders, String rawSql, Map<String, Object> folderConfig, Properties properties) {

  public ModelFile {
    folders = List.copyOf(folders);
    folderConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(folderConfig));
  }

  public String uniqueId() {
    return "model." + packageName + "." + name;
  }

  /** dbt's fully qualified name: package, folders, name. */
  public List<String> fqn() {
    List<String> fqn = new ArrayList<>();
    fqn.add(packageName);
    fqn.addAll(folders);
    fqn.add(name);
    return fqn;
  }
}
