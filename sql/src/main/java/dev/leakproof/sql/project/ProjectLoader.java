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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a dbt project folder the way dbt does: dbt_project.yml, then models (every {@code .sql}
 * under the model paths, with the {@code .yml} files beside them declaring sources, model configs
 * and tests), seeds ({@code .csv} under the seed paths), macros, and singular tests.
 */
public final class ProjectLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ProjectLoader() {}

  /**
   * Loads the project at {@code root}.
   *
   * @throws ProjectException naming the file when the project is not a valid dbt project
   */
  public static DbtProject load(Path root) throws IOException {
    Path projectFile = root.resolve("dbt_project.yml");
    if (!Files.isRegularFile(projectFile)) {
      throw new ProjectException("Cannot load project " + root + ": dbt_project.yml not found");
    }
    Map<String, Object> yml = readYaml(projectFile);
    String name = stringOf(yml.get("name"), projectFile, "name");
    ProjectConfig config = new ProjectConfig(name, yml.get("profile") == null ? name : String.valueOf(yml.get("profile")),
        paths(yml, "model-paths", "models"), paths(yml, "macro-paths", "macros"),
        paths(yml, "seed-paths", "seeds"), paths(yml, "test-paths", "tests"),
        mapOf(yml.get("vars")), mapOf(yml.get("models")), mapOf(yml.get("seeds")));

    Map<String, ModelFile> models = new TreeMap<>();
    Map<String, SourceTableDef> sources = new TreeMap<>();
    List<TestDef> tests = new ArrayList<>();
    Map<String, Map<String, Object>> modelYmlConfig = new LinkedHashMap<>();
    Map<String, Map<String, Object>> seedYmlConfig = new LinkedHashMap<>();
    for (String modelPath : config.modelPaths()) {
      for (Path yaml : files(root.resolve(modelPath), ".yml", ".yaml")) {
        SchemaFile.read(root, yaml, readYaml(yaml), sources, tests, modelYmlConfig);
      }
    }
    for (String seedPath : config.seedPaths()) {
      for (Path yaml : files(root.resolve(seedPath), ".yml", ".yaml")) {
        SchemaFile.read(root, yaml, readYaml(yaml), sources, tests, seedYmlConfig);
      }
    }
    for (String modelPath : config.modelPaths()) {
      Path base = root.resolve(modelPath);
      for (Path sql : files(base, ".sql")) {
        String modelName = baseName(sql);
        List<String> folders = folders(base, sql);
        Map<String, Object> cfg = ProjectConfig.folderConfig(config.modelConfigs(), name, withName(folders, modelName));
        cfg.putAll(modelYmlConfig.getOrDefault(modelName, Map.of()));
        ModelFile previous = models.put(modelName, new ModelFile(modelName, sql, relative(root, sql), folders,
            Files.readString(sql, StandardCharsets.UTF_8), cfg));
        if (previous != null) {
          throw new ProjectException("Cannot load project: two models named " + modelName + ": "
              + previous.relativePath() + " and " + relative(root, sql));
        }
      }
    }
    Map<String, SeedFile> seeds = new TreeMap<>();
    for (String seedPath : config.seedPaths()) {
      Path base = root.resolve(seedPath);
      for (Path csv : files(base, ".csv")) {
        String seedName = baseName(csv);
        Map<String, Object> cfg = ProjectConfig.folderConfig(config.seedConfigs(), name,
            withName(folders(base, csv), seedName));
        cfg.putAll(seedYmlConfig.getOrDefault(seedName, Map.of()));
        seeds.put(seedName, new SeedFile(seedName, csv, relative(root, csv), cfg));
      }
    }
    List<DbtProject.MacroFile> macros = new ArrayList<>();
    for (String macroPath : config.macroPaths()) {
      for (Path sql : files(root.resolve(macroPath), ".sql")) {
        macros.add(new DbtProject.MacroFile(name, relative(root, sql), Files.readString(sql, StandardCharsets.UTF_8)));
      }
    }
    for (String testPath : config.testPaths()) {
      for (Path sql : files(root.resolve(testPath), ".sql")) {
        String text = Files.readString(sql, StandardCharsets.UTF_8);
        if (text.contains("{% test ") || text.contains("{%- test ")) {
          macros.add(new DbtProject.MacroFile(name, relative(root, sql), text));
        } else {
          tests.add(new TestDef(NodeKind.TEST, null, null, baseName(sql), Map.of(), relative(root, sql), text));
        }
      }
    }
    macros.addAll(packageMacros(root));
    for (TestDef test : tests) {
      if (test.targetKind() == NodeKind.MODEL && !models.containsKey(test.target())) {
        throw new ProjectException("Cannot load project: " + test.file() + " declares tests on model "
            + test.target() + ", which has no .sql file");
      }
    }
    return new DbtProject(root, config, models, seeds, sources, tests, macros);
  }

  /**
   * Macros of the packages installed in dbt_packages/, as dbt loads them: each package's
   * dbt_project.yml names its namespace and macro paths. Packages are not downloaded here.
   */
  private static List<DbtProject.MacroFile> packageMacros(Path root) throws IOException {
    List<DbtProject.MacroFile> macros = new ArrayList<>();
    Path packages = root.resolve("dbt_packages");
    if (!Files.isDirectory(packages)) {
      return macros;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(packages)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      Path projectFile = dir.resolve("dbt_project.yml");
      if (!Files.isRegularFile(projectFile)) {
        throw new ProjectException("Cannot load package " + root.relativize(dir) + ": dbt_project.yml not found");
      }
      Map<String, Object> yml = readYaml(projectFile);
      String namespace = stringOf(yml.get("name"), projectFile, "name");
      for (String macroPath : paths(yml, "macro-paths", "macros")) {
        for (Path sql : files(dir.resolve(macroPath), ".sql")) {
          macros.add(new DbtProject.MacroFile(namespace, relative(root, sql), Files.readString(sql, StandardCharsets.UTF_8)));
        }
      }
    }
    return macros;
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

  /** dbt's fqn below the project: the folders, then the node's own name. */
  private static List<String> withName(List<String> folders, String name) {
    List<String> fqn = new ArrayList<>(folders);
    fqn.add(name);
    return fqn;
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static List<String> paths(Map<String, Object> yml, String key, String fallback) {
    Object v = yml.get(key);
    if (v == null) {
      return List.of(fallback);
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
