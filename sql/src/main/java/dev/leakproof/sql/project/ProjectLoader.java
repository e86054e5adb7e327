package dev.leakproof.sql.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a dbt project folder the way dbt does: dbt_project.yml, the packages installed in its
 * dbt_packages/ (each a project of its own, whose nodes join the graph), then for each package its
 * properties files, models ({@code .sql} under the model paths), seeds, macros and generic tests,
 * singular tests, analyses and snapshots. Configs from the package's dbt_project.yml are
 * overridden by the root project's entries for that package.
 */
public final class ProjectLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> PROJECT_KEYS = Set.of("name", "version", "config-version", "profile",
      "model-paths", "source-paths", "macro-paths", "seed-paths", "data-paths", "test-paths", "snapshot-paths",
      "analysis-paths", "docs-paths", "asset-paths", "target-path", "log-path", "packages-install-path",
      "clean-targets", "vars", "require-dbt-version", "on-run-start", "on-run-end", "dispatch", "quoting",
      "query-comment", "flags", "restrict-access", "dbt-cloud", "models", "seeds", "data_tests", "tests", "sources",
      "snapshots", "unit_tests", "semantic-models", "metrics", "saved-queries", "exposures", "analyses");

  private ProjectLoader() {}

  /**
   * Loads the project at {@code root} with its installed packages.
   *
   * @throws ProjectException naming the file when the project is not a valid dbt project
   */
  public static DbtProject load(Path root) throws IOException {
    ProjectConfig config = readConfig(root.resolve("dbt_project.yml"), root);
    List<DbtProject.PackageInfo> packages = packages(root, config);
    Builder b = new Builder(root, config, packages);
    b.readPackage(config.name(), root, config);
    for (DbtProject.PackageInfo p : packages) {
      b.readPackage(p.name(), p.dir(), p.config());
    }
    return b.build();
  }

  /** Reads one dbt_project.yml. */
  static ProjectConfig readConfig(Path projectFile, Path root) throws IOException {
    if (!Files.isRegularFile(projectFile)) {
      throw new ProjectException("Cannot load project " + root + ": dbt_project.yml not found");
    }
    Map<String, Object> yml = readYaml(projectFile);
    String name = stringOf(yml.get("name"), projectFile, "name");
    List<String> warnings = new ArrayList<>();
    for (String key : yml.keySet()) {
      if (!PROJECT_KEYS.contains(key)) {
        warnings.add(projectFile.getFileName() + ": unknown key '" + key + "' ignored");
      }
    }
    Map<String, Map<String, Object>> trees = new LinkedHashMap<>();
    for (String type : ProjectConfig.TREES) {
      trees.put(type, mapOf(yml.get(type)));
    }
    if (trees.get("data_tests").isEmpty()) {
      trees.put("data_tests", mapOf(yml.get("tests")));
    }
    Map<String, List<String>> dispatch = new LinkedHashMap<>();
    for (Object d : SchemaFile.list(yml.get("dispatch"))) {
      Map<String, Object> entry = mapOf(d);
      dispatch.put(stringOf(entry.get("macro_namespace"), projectFile, "dispatch[].macro_namespace"),
          strings(entry.get("search_order")));
    }
    return new ProjectConfig(name, yml.get("version") == null ? null : String.valueOf(yml.get("version")),
        yml.get("profile") == null ? name : String.valueOf(yml.get("profile")),
        paths(yml, "models", "model-paths", "source-paths"), paths(yml, "macros", "macro-paths"),
        paths(yml, "seeds", "seed-paths", "data-paths"), paths(yml, "tests", "test-paths"),
        paths(yml, "snapshots", "snapshot-paths"), paths(yml, "analyses", "analysis-paths"),
        yml.get("packages-install-path") == null ? "dbt_packages" : String.valueOf(yml.get("packages-install-path")),
        mapOf(yml.get("vars")), trees, strings(yml.get("on-run-start")), strings(yml.get("on-run-end")), dispatch,
        warnings);
  }

  /** The installed packages, checked against packages.yml / dependencies.yml. */
  private static List<DbtProject.PackageInfo> packages(Path root, ProjectConfig config) throws IOException {
    List<DbtProject.PackageInfo> packages = new ArrayList<>();
    Path dir = root.resolve(config.packagesInstallPath());
    if (Files.isDirectory(dir)) {
      List<Path> dirs;
      try (Stream<Path> list = Files.list(dir)) {
        dirs = list.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).sorted()
            .toList();
      }
      for (Path d : dirs) {
        Path projectFile = d.resolve("dbt_project.yml");
        if (!Files.isRegularFile(projectFile)) {
          throw new ProjectException("Cannot load package " + root.relativize(d) + ": dbt_project.yml not found");
        }
        ProjectConfig pc = readConfig(projectFile, d);
        if (pc.name().equals(config.name())) {
          throw new ProjectException("Cannot load package " + root.relativize(d) + ": it has the root project's name "
              + pc.name());
        }
        packages.add(new DbtProject.PackageInfo(pc.name(), d, pc));
      }
    }
    int declared = PackageSpecs.read(root).size();
    if (declared > packages.size()) {
      throw new ProjectException("dbt found " + declared + " package(s) specified in packages.yml, but only "
          + packages.size() + " package(s) installed in " + config.packagesInstallPath() + ". Run \"leakproof models deps\" "
          + "to install package dependencies.");
    }
    return packages;
  }

  /** Collects every package's files into one project. */
  private static final class Builder {
    final Path root;
    final ProjectConfig rootConfig;
    final List<DbtProject.PackageInfo> packages;
    final Map<String, ModelFile> models = new LinkedHashMap<>();
    final Map<String, SeedFile> seeds = new LinkedHashMap<>();
    final Map<String, SourceTableDef> sources = new LinkedHashMap<>();
    final List<TestDef> tests = new ArrayList<>();
    final List<UnitTestDef> unitTests = new ArrayList<>();
    final List<ModelFile> analyses = new ArrayList<>();
    final List<ResourceDef> resources = new ArrayList<>();
    final List<DbtProject.MacroFile> macros = new ArrayList<>();
    final Map<String, String> docs = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();

    Builder(Path root, ProjectConfig rootConfig, List<DbtProject.PackageInfo> packages) {
      this.root = root;
      this.rootConfig = rootConfig;
      this.packages = packages;
      warnings.addAll(rootConfig.warnings());
    }

    /** The configs of a node of {@code pkg}: its own project's tree, then the root's entries for it. */
    Map<String, Object> configs(String tree, String pkg, ProjectConfig own, List<String> fqn) {
      Map<String, Object> cfg = ProjectConfig.folderConfig(own.tree(tree), fqn);
      if (!pkg.equals(rootConfig.name())) {
        Map<String, Object> rootTree = rootConfig.tree(tree);
        Map<String, Object> scoped = new LinkedHashMap<>();
        if (rootTree.get(pkg) != null) {
          scoped.put(pkg, rootTree.get(pkg));
        }
        NodeConfigs.mergeAll(cfg, ProjectConfig.folderConfig(scoped, fqn));
      }
      return cfg;
    }

    void readPackage(String pkg, Path dir, ProjectConfig pc) throws IOException {
      SchemaFile.Collected props = new SchemaFile.Collected();
      for (String resourcePath : pc.resourcePaths()) {
        for (Path yaml : files(dir.resolve(resourcePath), ".yml", ".yaml")) {
          SchemaFile.read(pkg, display(yaml), yaml, readYaml(yaml), props);
        }
        for (Path md : files(dir.resolve(resourcePath), ".md")) {
          docs.putAll(dev.leakproof.sql.template.Template.parse(display(md), Files.readString(md)).docs());
        }
      }
      warnings.addAll(props.warnings);
      for (String modelPath : pc.modelPaths()) {
        Path base = dir.resolve(modelPath);
        for (Path py : files(base, ".py")) {
          warnings.add(display(py) + ": Python models are not supported; " + baseName(py) + " is not built");
        }
        for (Path sql : files(base, ".sql")) {
          String name = baseName(sql);
          List<String> folders = folders(base, sql);
          ModelFile m = new ModelFile(pkg, name, sql, rel(dir, sql), display(sql), folders, read(sql),
              configs("models", pkg, pc, fqn(pkg, folders, name)), props.models.getOrDefault(name, Properties.NONE));
          ModelFile previous = models.put(m.uniqueId(), m);
          if (previous != null) {
            throw new ProjectException("Cannot load project: two models named " + name + " in package " + pkg + ": "
                + previous.displayPath() + " and " + m.displayPath());
          }
        }
      }
      for (String seedPath : pc.seedPaths()) {
        Path base = dir.resolve(seedPath);
        for (Path csv : files(base, ".csv")) {
          String name = baseName(csv);
          List<String> folders = folders(base, csv);
          Properties p = props.seeds.getOrDefault(name, Properties.NONE);
          Map<String, Object> cfg = configs("seeds", pkg, pc, fqn(pkg, folders, name));
          NodeConfigs.mergeAll(cfg, p.config());
          seeds.put("seed." + pkg + "." + name, new SeedFile(pkg, name, csv, rel(dir, csv), display(csv), folders, cfg,
              p));
        }
      }
      for (String macroPath : pc.macroPaths()) {
        for (Path sql : files(dir.resolve(macroPath), ".sql")) {
          macros.add(new DbtProject.MacroFile(pkg, display(sql), read(sql)));
        }
      }
      for (String testPath : pc.testPaths()) {
        Path base = dir.resolve(testPath);
        for (Path sql : files(base, ".sql")) {
          String text = read(sql);
          List<String> folders = folders(base, sql);
          boolean generic = (!folders.isEmpty() && folders.get(0).equals("generic"))
              || text.matches("(?s).*\\{%-?\\s*test\\s+\\w+.*");
          if (generic) {
            macros.add(new DbtProject.MacroFile(pkg, display(sql), text));
          } else {
            tests.add(new TestDef(pkg, NodeKind.TEST, null, null, baseName(sql), Map.of(),
                configs("data_tests", pkg, pc, fqn(pkg, folders, baseName(sql))), null, display(sql), text, folders));
          }
        }
      }
      for (String analysisPath : pc.analysisPaths()) {
        Path base = dir.resolve(analysisPath);
        for (Path sql : files(base, ".sql")) {
          String name = baseName(sql);
          List<String> folders = folders(base, sql);
          analyses.add(new ModelFile(pkg, name, sql, rel(dir, sql), display(sql), folders, read(sql),
              configs("analyses", pkg, pc, fqn(pkg, folders, name)), props.analyses.getOrDefault(name,
                  Properties.NONE)));
        }
      }
      for (String snapshotPath : pc.snapshotPaths()) {
        for (Path sql : files(dir.resolve(snapshotPath), ".sql")) {
          for (String snapshot : dev.leakproof.sql.template.Template.parse(display(sql), read(sql)).snapshots()) {
            resources.add(new ResourceDef(pkg, "snapshot", snapshot, display(sql), Map.of()));
            warnings.add(display(sql) + ": snapshot " + snapshot + " is parsed and listed but not run: Leakproof has no "
                + "snapshot materialization");
          }
        }
      }
      for (SourceTableDef s : props.sources.values()) {
        if (sources.put(s.key(), s) != null) {
          throw new ProjectException("Cannot load project: source " + s.key() + " is declared in two packages");
        }
      }
      for (TestDef t : props.tests) {
        boolean known = switch (t.targetKind()) {
          case MODEL -> models.containsKey("model." + pkg + "." + t.target());
          case SEED -> seeds.containsKey("seed." + pkg + "." + t.target());
          default -> true;
        };
        if (!known) {
          warnings.add(t.file() + ": tests on " + t.targetKind().resourceType() + " " + t.target()
              + ", which does not exist in package " + pkg + ", are ignored");
          continue;
        }
        List<String> folders = ymlFolders(dir, t.file());
        Map<String, Object> cfg = configs("data_tests", pkg, pc, fqn(pkg, folders, t.uniqueName()));
        NodeConfigs.mergeAll(cfg, t.config());
        tests.add(new TestDef(t.packageName(), t.targetKind(), t.target(), t.column(), t.testName(), t.args(), cfg,
            t.customName(), t.file(), null, folders));
      }
      for (String name : props.models.keySet()) {
        if (!models.containsKey("model." + pkg + "." + name)) {
          warnings.add(props.models.get(name).file() + ": did not find a model named " + name + " in package " + pkg
              + " for its properties");
        }
      }
      unitTests.addAll(props.unitTests);
      resources.addAll(props.resources);
    }

    /** The folders of a properties file below its resource path, the test's place in the fqn. */
    private List<String> ymlFolders(Path dir, String displayPath) {
      String relToPackage = dir.relativize(root.resolve(displayPath)).toString().replace('\\', '/');
      String[] parts = relToPackage.split("/");
      List<String> folders = new ArrayList<>();
      for (int i = 1; i < parts.length - 1; i++) {
        folders.add(parts[i]);
      }
      return folders;
    }

    DbtProject build() {
      return new DbtProject(root, rootConfig, packages, models, seeds, sources, tests, unitTests, analyses, resources,
          macros, docs, warnings);
    }

    private String display(Path file) {
      return root.relativize(file).toString().replace('\\', '/');
    }
  }

  private static List<String> fqn(String pkg, List<String> folders, String name) {
    List<String> fqn = new ArrayList<>();
    fqn.add(pkg);
    fqn.addAll(folders);
    fqn.add(name);
    return fqn;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static Map<String, Object> readYaml(Path file) throws IOException {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = YAML.readValue(file.toFile(), LinkedHashMap.class);
      return map == null ? Map.of() : map;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ProjectException("Cannot read " + file + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
  }

  private static List<Path> files(Path dir, String... suffixes) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            for (String s : suffixes) {
              if (n.endsWith(s)) {
                return true;
              }
            }
            return false;
          })
          .sorted()
          .toList();
    }
  }

  private static List<String> folders(Path base, Path file) {
    List<String> folders = new ArrayList<>();
    Path rel = base.relativize(file.getParent() == null ? base : file.getParent());
    for (Path part : rel) {
      if (!part.toString().isEmpty()) {
        folders.add(part.toString());
      }
    }
    return folders;
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static String rel(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
  }

  private static List<String> paths(Map<String, Object> yml, String fallback, String... keys) {
    for (String key : keys) {
      Object v = yml.get(key);
      if (v != null) {
        return strings(v);
      }
    }
    return List.of(fallback);
  }

  static List<String> strings(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapOf(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static String stringOf(Object v, Path file, String key) {
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ProjectException("Cannot read " + file + ": missing " + key);
    }
    return String.valueOf(v);
  }
}
