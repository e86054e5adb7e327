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

  /** A file of macros, kept as text: its {@code {% macro %}} blocks are defined before each render. */
  public record MacroFile(String relativePath, String text) {}

  public DbtProject {
    models = Map.copyOf(models);
    seeds = Map.copyOf(seeds);
    sources = Map.copyOf(sources);
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
