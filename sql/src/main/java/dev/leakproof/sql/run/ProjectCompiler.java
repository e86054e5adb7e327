package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.SqlCatalog;
import dev.leakproof.sql.compile.SqlCompiler;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.jinja.BuiltinMacros;
import dev.leakproof.sql.jinja.DbtJinja;
import dev.leakproof.sql.jinja.MacroSource;
import dev.leakproof.sql.jinja.QueryResult;
import dev.leakproof.sql.jinja.QueryRunner;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.jinja.Rendered;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.SeedFile;
import dev.leakproof.sql.project.SourceTableDef;
import dev.leakproof.sql.project.TestDef;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * Compiles a project for one target, as dbt does in two passes: a parse pass renders every model
 * with {@code execute} false to learn its refs and config; then, in dependency order, each model
 * is rendered for real, parsed and validated by Calcite against the relations it reads (sources,
 * seeds, upstream models as validated before it, its own table when incremental) with its
 * ephemeral models injected as CTEs, and printed in the target's dialect. Without a warehouse
 * connection the project still compiles when every source declares its column types.
 */
public final class ProjectCompiler {

  /** What a compilation is for: the target and schema, vars, and whether tables are rebuilt. */
  public record Options(Target target, String targetName, String schema, Map<String, Object> vars,
      boolean fullRefresh) {

    public Options {
      vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    public static Options of(Target target, String schema, Map<String, Object> vars) {
      return new Options(target, target.adapterType(), schema, vars, false);
    }
  }

  private final DbtProject project;
  private final Warehouse warehouse;
  private final Options options;
  private final DbtJinja jinja;
  private final SqlCatalog catalog = new SqlCatalog();
  private final ProjectRelations relations;
  private final Map<String, Rendered> ephemeralSql = new LinkedHashMap<>();
  private final Map<String, List<String>> modelRefs = new TreeMap<>();
  private final Set<String> deferred = new TreeSet<>();
  private Map<String, Map<String, Object>> configs;
  private SqlCompiler compiler;

  /** @param warehouse null to compile without a connection ({@code execute} is then false) */
  public ProjectCompiler(DbtProject project, Warehouse warehouse, Options options) throws RenderException {
    this.project = project;
    this.warehouse = warehouse;
    this.options = options;
    Map<String, Object> vars = new LinkedHashMap<>(project.config().vars());
    vars.putAll(options.vars());
    List<MacroSource> macros = new ArrayList<>(BuiltinMacros.load());
    for (DbtProject.MacroFile m : project.macros()) {
      macros.add(new MacroSource(m.namespace(), m.relativePath(), m.text()));
    }
    this.jinja = new DbtJinja(macros, project.name(),
        new DbtJinja.TargetInfo(options.targetName(), options.target().adapterType(), options.schema(), null), vars,
        Map.of("FULL_REFRESH", options.fullRefresh(), "WHICH", "compile"));
    this.relations = new ProjectRelations(project, options.schema());
  }

  /** Seeds, models in dependency order, then tests, compiled. */
  public CompiledProject compile() throws RenderException, CompileException, SQLException, IOException {
    configs = parsePass();
    List<CompiledNode> nodes = new ArrayList<>();
    Map<String, SeedTable> seeds = new TreeMap<>();
    for (SeedFile seed : project.seeds().values()) {
      SeedTable table = SeedTable.read(seed);
      seeds.put(seed.name(), table);
      Relations.Relation relation = relations.ref(seed.name());
      catalog.define(relation.schema(), relation.identifier(), seedType(table));
      nodes.add(new CompiledNode(NodeKind.SEED, seed.name(), uniqueId(NodeKind.SEED, seed.name()), seed.relativePath(),
          relation.toString(), "seed", false, seed.config(), List.of(), seedType(table), "", "", ""));
    }
    compiler = new SqlCompiler(catalog);
    Map<String, String> files = new TreeMap<>();
    project.models().values().forEach(m -> files.put(m.name(), m.relativePath()));
    for (String name : ProjectGraph.order(modelRefs, files)) {
      ModelFile model = project.models().get(name);
      if (modelRefs.get(name).stream().anyMatch(deferred::contains)) {
        deferred.add(name);
        nodes.add(deferredNode(model));
        continue;
      }
      try {
        nodes.add(compileModel(model, configs.get(name), compiler));
      } catch (RenderException e) {
        if (!e.getMessage().contains(DbtFunctionsMessages.RUN_QUERY_FAILED)) {
          throw e;
        }
        deferred.add(name);
        nodes.add(deferredNode(model));
      }
    }
    for (TestDef test : project.tests()) {
      if (test.targetKind() == NodeKind.MODEL && deferred.contains(test.target())) {
        nodes.add(new CompiledNode(NodeKind.TEST, test.uniqueName(), uniqueId(NodeKind.TEST, test.uniqueName()),
            test.file(), null, null, false, test.args(), List.of(uniqueId(NodeKind.MODEL, test.target())), null,
            test.sql() != null ? test.sql() : "", null, null));
      } else {
        nodes.add(compileTest(test, compiler));
      }
    }
    return new CompiledProject(project.name(), nodes, seeds);
  }

  /**
   * Compiles a deferred node now that what its template queries exists; models it depends on
   * must have been built (or compiled) before.
   */
  public CompiledNode compileDeferred(CompiledNode node) throws RenderException, CompileException, SQLException {
    if (node.kind() == NodeKind.MODEL) {
      deferred.remove(node.name());
      return compileModel(project.models().get(node.name()), configs.get(node.name()), compiler);
    }
    TestDef test = project.tests().stream().filter(t -> t.uniqueName().equals(node.name())).findFirst().orElseThrow();
    return compileTest(test, compiler);
  }

  private CompiledNode deferredNode(ModelFile model) {
    Map<String, Object> config = configs.get(model.name());
    List<String> dependsOn = new ArrayList<>();
    modelRefs.get(model.name()).forEach(ref -> dependsOn.add(uniqueId(NodeKind.MODEL, ref)));
    return new CompiledNode(NodeKind.MODEL, model.name(), uniqueId(NodeKind.MODEL, model.name()), model.relativePath(),
        relations.ref(model.name()).toString(), String.valueOf(config.getOrDefault("materialized", "view")), false,
        config, dependsOn, null, model.rawSql(), null, null);
  }

  /** dbt's parse phase: every model rendered with {@code execute} false, for refs and configs. */
  private Map<String, Map<String, Object>> parsePass() throws RenderException {
    Map<String, Map<String, Object>> configs = new TreeMap<>();
    for (ModelFile model : project.models().values()) {
      Rendered r = jinja.render(model.relativePath(), model.rawSql(), relations.ref(model.name()), relations, false,
          null);
      Map<String, Object> config = new LinkedHashMap<>(model.folderConfig());
      config.putAll(r.config());
      configs.put(model.name(), config);
      List<String> upstream = new ArrayList<>();
      for (String ref : r.refs()) {
        if (project.models().containsKey(ref) && !upstream.contains(ref)) {
          upstream.add(ref);
        }
      }
      modelRefs.put(model.name(), upstream);
      if ("ephemeral".equals(String.valueOf(config.get("materialized")))) {
        relations.markEphemeral(model.name());
      }
      relations.configure(model.name(), config);
    }
    return configs;
  }

  private CompiledNode compileModel(ModelFile model, Map<String, Object> config, SqlCompiler compiler)
      throws RenderException, CompileException, SQLException {
    String name = model.name();
    String materialization = String.valueOf(config.getOrDefault("materialized", "view"));
    Relations.Relation relation = relations.ref(name);
    boolean incremental = false;
    if (materialization.equals("incremental") && !options.fullRefresh() && warehouse != null) {
      List<Warehouse.ColumnInfo> existing = warehouse.columns(relation.schema(), relation.identifier());
      if (!existing.isEmpty()) {
        incremental = true;
        catalog.define(relation.schema(), relation.identifier(), WarehouseTypes.rowType(catalog.typeFactory(), existing));
      }
    }
    Rendered r = jinja.render(model.relativePath(), model.rawSql(), relation, relations, incremental, queries());
    declareSources(r.sources());
    List<String> ephemerals = ephemeralDependencies(name, new ArrayList<>());
    if (materialization.equals("ephemeral")) {
      ephemeralSql.put(name, r);
    }
    SqlCompiler.Compiled compiled;
    try {
      compiled = compiler.compile(model.relativePath(), r.sql(),
          () -> EphemeralCtes.inject(SqlCompiler.parse(model.relativePath(), r.sql()), ephemerals, ephemeralSql),
          options.schema(), options.target());
    } catch (CompileException e) {
      throw SourceLines.map(e, model.rawSql(), r.sql());
    }
    if (!materialization.equals("ephemeral")) {
      catalog.define(relation.schema(), relation.identifier(), compiled.rowType());
    }
    List<String> dependsOn = new ArrayList<>();
    for (String ref : r.refs()) {
      String id = project.models().containsKey(ref) ? uniqueId(NodeKind.MODEL, ref) : uniqueId(NodeKind.SEED, ref);
      if (!dependsOn.contains(id)) {
        dependsOn.add(id);
      }
    }
    r.sources().forEach(s -> dependsOn.add("source." + project.name() + "." + s));
    return new CompiledNode(NodeKind.MODEL, name, uniqueId(NodeKind.MODEL, name), model.relativePath(),
        materialization.equals("ephemeral") ? null : relation.toString(), materialization, incremental, config,
        dependsOn, compiled.rowType(), model.rawSql(), r.sql(), compiled.sql());
  }

  /** The ephemeral models a model reads, directly or through other ephemeral ones, upstream first. */
  private List<String> ephemeralDependencies(String model, List<String> found) {
    for (String ref : modelRefs.getOrDefault(model, List.of())) {
      if (relations.isEphemeral(ref) && !found.contains(ref)) {
        ephemeralDependencies(ref, found);
        found.add(ref);
      }
    }
    return found;
  }

  private CompiledNode compileTest(TestDef test, SqlCompiler compiler)
      throws RenderException, CompileException, SQLException {
    String template = test.sql() != null ? test.sql() : GenericTests.sql(test, jinja.hasMacro("test_" + test.testName()));
    Rendered r = jinja.render(test.file(), template, null, relations, false, queries());
    declareSources(r.sources());
    List<String> ephemerals = new ArrayList<>();
    for (String ref : r.refs()) {
      if (relations.isEphemeral(ref)) {
        ephemeralDependencies(ref, ephemerals);
        if (!ephemerals.contains(ref)) {
          ephemerals.add(ref);
        }
      }
    }
    String label = test.file() + " (" + test.uniqueName() + ")";
    SqlCompiler.Compiled compiled = compiler.compile(label, r.sql(),
        () -> EphemeralCtes.inject(SqlCompiler.parse(label, r.sql()), ephemerals, ephemeralSql),
        options.schema(), options.target());
    List<String> dependsOn = new ArrayList<>();
    for (String ref : new TreeSet<>(r.refs())) {
      dependsOn.add(project.models().containsKey(ref) ? uniqueId(NodeKind.MODEL, ref) : uniqueId(NodeKind.SEED, ref));
    }
    r.sources().forEach(s -> dependsOn.add("source." + project.name() + "." + s));
    return new CompiledNode(NodeKind.TEST, test.uniqueName(), uniqueId(NodeKind.TEST, test.uniqueName()), test.file(),
        null, null, false, test.args(), dependsOn, compiled.rowType(), template, r.sql(), compiled.sql());
  }

  private QueryRunner queries() {
    if (warehouse == null) {
      return null;
    }
    return sql -> {
      try {
        List<Map<String, Object>> rows = warehouse.query(sql);
        List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
          values.add(new ArrayList<>(row.values()));
        }
        return new QueryResult(columns, values);
      } catch (SQLException e) {
        throw new IllegalArgumentException("run_query failed: " + e.getMessage().split("\n")[0]);
      }
    };
  }

  /**
   * Declares the sources a node reads: with the column types their yml declares, else as they
   * exist in the warehouse.
   */
  private void declareSources(List<String> keys) throws SQLException {
    for (String key : keys) {
      SourceTableDef def = project.sources().get(key);
      if (catalog.rowType(def.schema(), def.identifier()) != null) {
        continue;
      }
      RelDataType type;
      if (!def.columnTypes().isEmpty()) {
        List<Warehouse.ColumnInfo> declared = new ArrayList<>();
        def.columnTypes().forEach((column, dataType) -> declared.add(new Warehouse.ColumnInfo(column, dataType, true)));
        type = WarehouseTypes.rowType(catalog.typeFactory(), declared);
      } else if (warehouse != null) {
        List<Warehouse.ColumnInfo> columns = warehouse.columns(def.schema(), def.identifier());
        if (columns.isEmpty()) {
          throw new ProjectException("Cannot compile: source " + key + " (declared in " + def.file() + ") is "
              + def.schema() + "." + def.identifier() + ", which does not exist in the warehouse");
        }
        type = WarehouseTypes.rowType(catalog.typeFactory(), columns);
      } else {
        throw new ProjectException("Cannot compile source " + key + " without a warehouse connection: declare the "
            + "data_type of its columns in " + def.file());
      }
      catalog.define(def.schema(), def.identifier(), type);
    }
  }

  private RelDataType seedType(SeedTable table) {
    RelDataTypeFactory f = catalog.typeFactory();
    List<Warehouse.ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      columns.add(new Warehouse.ColumnInfo(table.columns().get(i), table.types().get(i), true));
    }
    return WarehouseTypes.rowType(f, columns);
  }

  private String uniqueId(NodeKind kind, String name) {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "." + project.name() + "." + name;
  }

  /** The names of the project's ephemeral models, known after the parse pass. */
  Set<String> ephemeralModels() {
    return relations.ephemerals();
  }
}
