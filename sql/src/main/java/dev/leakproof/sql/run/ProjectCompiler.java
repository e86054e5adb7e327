package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.SqlCatalog;
import dev.leakproof.sql.compile.SqlCompiler;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.jinja.DbtJinja;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.jinja.Rendered;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.SourceTableDef;
import dev.leakproof.sql.project.TestDef;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a project for one target: renders every model with Jinja, orders them by their refs,
 * then parses and validates each with Calcite against the relations it reads (sources as they
 * exist in the warehouse, upstream models as validated before it) and prints it in the target's
 * dialect. Nothing reaches the warehouse but catalog look-ups.
 */
public final class ProjectCompiler {

  private final DbtProject project;
  private final Warehouse warehouse;
  private final Target target;
  private final String schema;
  private final DbtJinja jinja;
  private final SqlCatalog catalog = new SqlCatalog();
  private final Relations relations;

  /**
   * @param vars command-line vars; they override the project's
   */
  public ProjectCompiler(DbtProject project, Warehouse warehouse, Target target, String schema,
      Map<String, Object> vars) throws RenderException {
    this.project = project;
    this.warehouse = warehouse;
    this.target = target;
    this.schema = schema;
    Map<String, Object> allVars = new LinkedHashMap<>(project.config().vars());
    allVars.putAll(vars);
    List<Map.Entry<String, String>> macros = new ArrayList<>();
    for (DbtProject.MacroFile m : project.macros()) {
      macros.add(new AbstractMap.SimpleEntry<>(m.relativePath(), m.text()));
    }
    this.jinja = new DbtJinja(macros, new DbtJinja.TargetInfo(target.adapterType(), target.adapterType(), schema, null),
        allVars);
    this.relations = new ProjectRelations();
  }

  /** The models and tests, compiled, models in dependency order, then tests. */
  public List<CompiledNode> compile() throws RenderException, CompileException, SQLException {
    Map<String, Rendered> rendered = new TreeMap<>();
    Map<String, List<String>> edges = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    for (ModelFile model : project.models().values()) {
      Rendered r = jinja.render(model.relativePath(), model.rawSql(), relations.ref(model.name()), relations, false);
      rendered.put(model.name(), r);
      files.put(model.name(), model.relativePath());
      List<String> upstream = new ArrayList<>();
      for (String ref : r.refs()) {
        if (project.models().containsKey(ref) && !upstream.contains(ref)) {
          upstream.add(ref);
        }
      }
      edges.put(model.name(), upstream);
    }
    List<CompiledNode> nodes = new ArrayList<>();
    SqlCompiler compiler = new SqlCompiler(catalog);
    for (String name : ProjectGraph.order(edges, files)) {
      ModelFile model = project.models().get(name);
      Rendered r = rendered.get(name);
      declareSources(r.sources());
      Map<String, Object> config = new LinkedHashMap<>(model.folderConfig());
      config.putAll(r.config());
      String materialization = String.valueOf(config.getOrDefault("materialized", "view"));
      SqlCompiler.Compiled compiled = compiler.compile(model.relativePath(), r.sql(), schema, target);
      Relations.Relation relation = relations.ref(name);
      catalog.define(relation.schema(), relation.identifier(), compiled.rowType());
      List<String> dependsOn = new ArrayList<>(edges.get(name));
      r.sources().forEach(s -> dependsOn.add("source." + s));
      nodes.add(new CompiledNode(NodeKind.MODEL, name, model.relativePath(), relation.toString(), materialization,
          dependsOn, compiled.rowType(), r.sql(), compiled.sql()));
    }
    for (TestDef test : project.tests()) {
      nodes.add(compileTest(test, compiler));
    }
    return nodes;
  }

  private CompiledNode compileTest(TestDef test, SqlCompiler compiler)
      throws RenderException, CompileException, SQLException {
    String template = test.sql() != null ? test.sql() : GenericTests.sql(test, relations);
    Rendered r = jinja.render(test.file(), template, null, relations, false);
    declareSources(r.sources());
    SqlCompiler.Compiled compiled = compiler.compile(test.file() + " (" + test.uniqueName() + ")", r.sql(), schema,
        target);
    List<String> dependsOn = new ArrayList<>(r.refs());
    r.sources().forEach(s -> dependsOn.add("source." + s));
    return new CompiledNode(NodeKind.TEST, test.uniqueName(), test.file(), null, null, dependsOn,
        compiled.rowType(), r.sql(), compiled.sql());
  }

  /** Declares the sources a node reads, with the types they have in the warehouse. */
  private void declareSources(List<String> keys) throws SQLException {
    for (String key : keys) {
      SourceTableDef def = project.sources().get(key);
      if (catalog.rowType(def.schema(), def.identifier()) != null) {
        continue;
      }
      List<Warehouse.ColumnInfo> columns = warehouse.columns(def.schema(), def.identifier());
      if (columns.isEmpty()) {
        throw new ProjectException("Cannot compile: source " + key + " (declared in " + def.file() + ") is "
            + def.schema() + "." + def.identifier() + ", which does not exist in the warehouse");
      }
      catalog.define(def.schema(), def.identifier(), WarehouseTypes.rowType(catalog.typeFactory(), columns));
    }
  }

  /** Models and seeds are built in the target schema; sources are where their yml says. */
  private final class ProjectRelations implements Relations {
    @Override
    public Relation ref(String name) {
      if (!project.models().containsKey(name) && !project.seeds().containsKey(name)) {
        throw new IllegalArgumentException("Cannot resolve ref('" + name + "'): no model or seed named " + name);
      }
      return new Relation(schema, name);
    }

    @Override
    public Relation source(String sourceName, String tableName) {
      SourceTableDef def = project.sources().get(sourceName + "." + tableName);
      if (def == null) {
        throw new IllegalArgumentException("Cannot resolve source('" + sourceName + "', '" + tableName
            + "'): no such source table is declared in a .yml file");
      }
      return new Relation(def.schema(), def.identifier());
    }
  }
}
