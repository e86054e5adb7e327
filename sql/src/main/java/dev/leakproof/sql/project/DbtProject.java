package dev.leakproof.sql.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dbt project as read from its folder, with the packages installed in its dbt_packages/:
 * configuration, models, seeds, sources, tests, unit tests, analyses, macro files and the
 * resources listed but not run. Nothing is rendered yet. Models and seeds are keyed by unique id
 * ({@code model.<package>.<name>}).
 */
public record DbtProject(
    Path root,
    ProjectConfig config,
    List<PackageInfo> packages,
    Map<String, ModelFile> models,
    Map<String, SeedFile> seeds,
    Map<String, SourceTableDef> sources,
    List<TestDef> tests,
    List<UnitTestDef> unitTests,
    List<ModelFile> analyses,
    List<ResourceDef> resources,
    List<MacroFile> macros,
    Map<String, String> docs,
    List<String> warnings) {

  /**
   * A file of macros (or generic tests), kept as text, with the package it belongs to: the root
   * project's name, a package's name under dbt_packages/, or {@code dbt} for the built-in ones.
   */
  public record MacroFile(String namespace, String relativePath, String text) {}

  /** An installed package: its name, folder and dbt_project.yml. */
  public record PackageInfo(String name, Path dir, ProjectConfig config) {}

  public DbtProject {
    models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    seeds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seeds));
    sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
    packages = List.copyOf(packages);
    tests = List.copyOf(tests);
    unitTests = List.copyOf(unitTests);
    analyses = List.copyOf(analyses);
    resources = List.copyOf(resources);
    macros = List.copyOf(macros);
    docs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(docs));
    warnings = List.copyOf(warnings);
  }

  public String name() {
    return config.name();
  }

  /** A model by name: the root project's, else the first package's that has one. */
  public Optional<ModelFile> model(String name) {
    ModelFile own = models.get("model." + name() + "." + name);
    if (own != null) {
      return Optional.of(own);
    }
    return models.values().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** A package's dbt_project.yml, the root's included. */
  public ProjectConfig packageConfig(String packageName) {
    if (packageName.equals(name())) {
      return config;
    }
    return packages.stream().filter(p -> p.name().equals(packageName)).map(PackageInfo::config).findFirst()
        .orElse(config);
  }
}
