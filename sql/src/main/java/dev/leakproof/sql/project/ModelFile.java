package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model's SQL file, not yet rendered.
 *
 * @param relativePath path below the project root, as dbt names files in messages
 * @param folders folders between the model path and the file, for folder-level configs
 * @param folderConfig configs from dbt_project.yml and the model's yml that apply to it
 */
public record ModelFile(String name, Path path, String relativePath, List<String> folders, String rawSql,
    Map<String, Object> folderConfig) {

  public ModelFile {
    folders = List.copyOf(folders);
    folderConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(folderConfig));
  }
}
