package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dbt project as read from its folder: configuration, models, seeds, sources, tests and the
 * text of its macro files. Nothing is rendered yet.
 */
public record DbtProject(
    Path root,
    ProjectConfig config,
    Map<String, ModelFile> models,
    Map<String, SeedFile> seeds,
    Map<String, SourceTableDef> sources,
    List<TestDef> tests,
    List<MacroFile> macros) {

  /**
   * A file of macros (or generic tests), kept as text, with the package it belongs to: the root
   * project's name, a package's name under dbt_packages/, or {@code dbt} for the built-in ones.
   */
  public record MacroFile(String namespace, String relativePath, String text) {}

  public DbtProject {
    models = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(models));
    seeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seeds));
    sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
    tests = List.copyOf(tests);
    macros = List.copyOf(macros);
  }

  public String name() {
    return config.name();
  }

  public Optional<ModelFile> model(String name) {
    return Optional.ofNullable(models.get(name));
  }
}
