package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.SqlCatalog;
import dev.leakproof.sql.compile.SqlCompiler;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.jinja.BuiltinMacros;
import dev.leakproof.sql.jinja.DbtJinja;
import dev.leakproof.sql.jinja.MacroSource;
import dev.leakproof.sql.jinja.NodeScope;
import dev.leakproof.sql.jinja.QueryResult;
import dev.leakproof.sql.jinja.QueryRunner;
import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.jinja.RenderHost;
import dev.leakproof.sql.jinja.Rendered;
import dev.leakproof.sql.jinja.Vars;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ModelFile;
import dev.leakproof.sql.project.NodeConfigs;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.SeedFile;
import dev.leakproof.sql.project.SourceTableDef;
import dev.leakproof.sql.project.TestDef;
import dev.leakproof.sql.project.UnitTestDef;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.warehouse.WarehouseTypes;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Compiles a project for one target, as dbt-core does in two passes. The parse pass computes each
 * node's config (dbt_project.yml, then its properties file, then its {@code config()} call, with
 * Jinja in config values rendered), drops disabled nodes, places every model and seed with the
 * project's {@code generate_schema_name} / {@code generate_alias_name}, and resolves refs across
 * packages. Then, in dependency order, each model is rendered for real, parsed and validated by
 * Calcite against the relations it reads (sources, seeds, upstream models as validated before it,
 * its own table when incremental) with its ephemeral models injected as CTEs, and printed in the
 * target's dialect; then generic tests (through their {@code {% test %}} macros, the packages'
 * included), singular tests, unit tests and analyses. Without a warehouse connection the project
 * still compiles when every source declares its column types.
 */
public final class ProjectCompiler {

  /**
   * What a compilation is for.
   *
   * @param which the command ({@code run}, {@code build}, {@code compile}, ...), as {@code flags.WHICH}
   */
  public record Options(Target target, String targetName, String schema, Map<String, Object> vars,
      boolean fullRefresh, int threads, String which) {

    public Options {
      vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    public Options(Target target, String targetName, String schema, Map<String, Object> vars, boolean fullRefresh) {
      this(target, targetName, schema, vars, fullRefresh, 1, "run");
    }

    public static Options of(Target target, String schema, Map<String, Object> vars) {
      return new Options(target, target.adapterType(), schema, vars, false);
    }

    public Options withWhich(String command) {
      return new Options(target, targetName, schema, vars, fullRefresh, threads, command);
    }
  }

  /** A node after the parse pass: its final config and what it reads. */
  private record Parsed(ModelFile model, Map<String, Object> config, List<String> upstream, List<String> refs,
      List<String> sources) {}

  private static final Pattern LOOKS_LIKE_FUNCTION =
      Pattern.compile("^\\s*(env_var|ref|var|source|doc)\\s*\\(.+\\)\\s*$", Pattern.DOTALL);

  private final DbtProject project;
  private final Warehouse warehouse;
  private final Options options;
  private final DbtJinja jinja;
  private final SqlCatalog catalog = new SqlCatalog();
  private final ProjectRelations relations;
  private final Host host = new Host();
  private final Map<String, Parsed> parsed = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> seedConfigs = new LinkedHashMap<>();
  private final Map<String, Rendered> ephemeralSql = new LinkedHashMap<>();
  private final Set<String> deferred = new TreeSet<>();
  private final Set<String> declaredSources = new TreeSet<>();
  private final List<String> warnings = new ArrayList<>();
  private SqlCompiler compiler;

  /** @param warehouse null to compile without a connection ({@code execute} is then false) */
  public ProjectCompiler(DbtProject project, Warehouse warehouse, Options options) throws RenderException {
    this(project, warehouse, options, Clock.systemUTC());
  }

  public ProjectCompiler(DbtProject project, Warehouse warehouse, Options options, Clock clock)
      throws RenderException {
    this.project = project;
    this.warehouse = warehouse;
    this.options = options;
    List<MacroSource> macros = new ArrayList<>(BuiltinMacros.load());
    for (DbtProject.MacroFile m : project.macros()) {
      macros.add(new MacroSource(m.namespace(), m.relativePath(), m.text()));
    }
    Set<String> dependencies = new LinkedHashSet<>();
    Map<String, Map<String, Object>> packageVars = new LinkedHashMap<>();
    for (DbtProject.PackageInfo p : project.packages()) {
      dependencies.add(p.name());
      packageVars.put(p.name(), p.config().vars());
    }
    Set<String> all = new LinkedHashSet<>(dependencies);
    all.add(project.name());
    Vars vars = new Vars(options.vars(), project.config().vars(), packageVars, all);
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("FULL_REFRESH", options.fullRefresh());
    flags.put("WHICH", options.which());
    flags.put("STORE_FAILURES", false);
    flags.put("FAIL_FAST", false);
    DbtJinja.Settings settings = new DbtJinja.Settings(project.name(), dependencies, project.config().dispatch(),
        vars, flags, clock, System::getenv, DbtJinja.LogSink.SLF4J);
    this.jinja = new DbtJinja(macros, new DbtJinja.TargetInfo(options.targetName(), options.target().adapterType(),
        options.schema(), null, options.threads(), Map.of()), settings);
    jinja.addDocs(project.docs());
    this.relations = new ProjectRelations(project, options.schema());
    warnings.addAll(project.warnings());
  }

  /** What the parse and compile passes noticed and did not stop for (unsupported resources, ...). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public DbtJinja jinja() {
    return jinja;
  }

  /** Seeds, models in dependency order, then tests, unit tests and analyses, compiled and validated. */
  public CompiledProject compile() throws RenderException, CompileException, SQLException, IOException {
    return compile(true);
  }

  /**
   * The project's nodes after the parse pass only (configs, placement, dependencies), without
   * rendering for execution or validating SQL: what {@code ls} lists; needs no connection.
   */
  public CompiledProject parseOnly() throws RenderException, CompileException, SQLException, IOException {
    return compile(false);
  }

  private CompiledProject compile(boolean validate)
      throws RenderException, CompileException, SQLException, IOException {
    parsePass();
    List<CompiledNode> nodes = new ArrayList<>();
    Map<String, SeedTable> seeds = new TreeMap<>();
    for (SeedFile seed : project.seeds().values()) {
      if (!relations.enabled(seed.uniqueId())) {
        continue;
      }
      Map<String, Object> config = seedConfigs.get(seed.uniqueId());
      Relations.Relation relation = relations.relation(seed.uniqueId());
      RelDataType type = null;
      if (validate) {
        SeedTable table = SeedTable.read(seed);
        seeds.put(seed.uniqueId(), table);
        type = seedType(table);
        catalog.define(relation.schema(), relation.identifier(), type);
      }
      nodes.add(new CompiledNode(NodeKind.SEED, seed.name(), seed.uniqueId(), seed.packageName(), seed.fqn(),
          seed.displayPath(), relation.toString(), "seed", false, config, List.of(), type, "", "", "",
          hooks(config, "pre-hook", null), hooks(config, "post-hook", null), null));
    }
    compiler = new SqlCompiler(catalog);
    Map<String, List<String>> edges = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    parsed.forEach((id, p) -> {
      edges.put(id, p.upstream().stream().filter(parsed::containsKey).toList());
      files.put(id, p.model().displayPath());
    });
    for (String id : ProjectGraph.order(edges, files)) {
      Parsed p = parsed.get(id);
      if (!validate) {
        nodes.add(unvalidated(p));
        continue;
      }
      if (p.upstream().stream().anyMatch(deferred::contains)) {
        deferred.add(id);
        nodes.add(unvalidated(p));
        continue;
      }
      try {
        nodes.add(compileModel(p));
      } catch (RenderException e) {
        if (warehouse == null || !e.getMessage().contains(DbtFunctionsMessages.RUN_QUERY_FAILED)) {
          throw e;
        }
        deferred.add(id);
        nodes.add(unvalidated(p));
      }
    }
    for (TestDef test : project.tests()) {
      CompiledNode node = compileTest(test, validate);
      if (node != null) {
        nodes.add(node);
      }
    }
    for (UnitTestDef unit : project.unitTests()) {
      CompiledNode node = new UnitTests(this).compile(unit, validate);
      if (node != null) {
        nodes.add(node);
      }
    }
    for (ModelFile analysis : project.analyses()) {
      CompiledNode node = compileAnalysis(analysis, validate);
      if (node != null) {
        nodes.add(node);
      }
    }
    return new CompiledProject(project.name(), nodes, seeds, warnings);
  }

  /**
   * Compiles a deferred node now that what its template queries exists; models it depends on
   * must have been built (or compiled) before.
   */
  public CompiledNode compileDeferred(CompiledNode node) throws RenderException, CompileException, SQLException {
    if (node.kind() == NodeKind.MODEL) {
      deferred.remove(node.uniqueId());
      return compileModel(parsed.get(node.uniqueId()));
    }
    TestDef test = project.tests().stream().filter(t -> t.uniqueId().equals(node.uniqueId())).findFirst()
        .orElseThrow();
    return compileTest(test, true);
  }

  /** Renders a statement that belongs to no node ({@code on-run-start}, {@code on-run-end}). */
  public String renderOperation(String file, String sql, Map<String, Object> names) throws RenderException {
    NodeScope scope = NodeScope.project(file, project.name(), NodeScope.Phase.EXECUTE).with(names);
    return jinja.render(scope, sql, host).sql();
  }

  // ---------------------------------------------------------------- parse pass

  private void parsePass() throws RenderException {
    if (!parsed.isEmpty() || !seedConfigs.isEmpty()) {
      return;
    }
    for (SourceTableDef s : project.sources().values()) {
      Map<String, Object> cfg = renderConfig(s.config(), s.packageName(), s.file());
      if (!enabled(cfg)) {
        relations.disableSource(s.key());
        continue;
      }
      NodeScope scope = NodeScope.project(s.file(), s.packageName(), NodeScope.Phase.PARSE);
      String schema = text(scope, s.schema());
      String identifier = text(scope, s.identifier());
      if (s.database() != null && !s.database().isBlank() && !options.target().adapterType().equals("snowflake")) {
        warnings.add(s.file() + ": source " + s.key() + " names database " + s.database() + ", which "
            + options.target().adapterType() + " ignores: it is read from schema " + schema);
      }
      relations.placeSource(s.key(), new Relations.Relation(null, schema, identifier, "table"));
    }
    Map<String, Map<String, Object>> modelConfigs = new LinkedHashMap<>();
    for (ModelFile m : project.models().values()) {
      Map<String, Object> cfg = new LinkedHashMap<>();
      NodeConfigs.mergeAll(cfg, renderConfig(m.folderConfig(), m.packageName(), m.displayPath()));
      NodeConfigs.mergeAll(cfg, renderConfig(m.properties().config(), m.packageName(), m.displayPath()));
      if (enabled(cfg)) {
        relations.enable(m);
        modelConfigs.put(m.uniqueId(), cfg);
      } else {
        relations.disable(m.uniqueId(), m.displayPath());
      }
    }
    for (SeedFile seed : project.seeds().values()) {
      Map<String, Object> cfg = renderConfig(seed.config(), seed.packageName(), seed.displayPath());
      if (enabled(cfg)) {
        relations.enable(seed);
        seedConfigs.put(seed.uniqueId(), cfg);
        relations.place(seed.uniqueId(), place(seed.packageName(), "seed", seed.name(), seed.uniqueId(), seed.fqn(),
            seed.displayPath(), cfg, "table"));
      } else {
        relations.disable(seed.uniqueId(), seed.displayPath());
      }
    }
    Map<String, Rendered> renders = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : modelConfigs.entrySet()) {
      ModelFile m = project.models().get(e.getKey());
      NodeScope scope = scope(m, e.getValue(), relations.relation(m.uniqueId()), false, NodeScope.Phase.PARSE);
      Rendered r = jinja.render(scope, m.rawSql(), host);
      NodeConfigs.mergeAll(e.getValue(), r.config());
      if (!enabled(e.getValue())) {
        relations.disable(m.uniqueId(), m.displayPath());
        continue;
      }
      renders.put(m.uniqueId(), r);
    }
    for (Map.Entry<String, Rendered> e : renders.entrySet()) {
      ModelFile m = project.models().get(e.getKey());
      Map<String, Object> cfg = modelConfigs.get(e.getKey());
      String materialized = String.valueOf(cfg.getOrDefault("materialized", "view"));
      cfg.put("materialized", materialized);
      if (materialized.equals("ephemeral")) {
        relations.markEphemeral(m.uniqueId());
      } else {
        relations.place(m.uniqueId(), place(m.packageName(), "model", m.name(), m.uniqueId(), m.fqn(),
            m.displayPath(), cfg, materialized.equals("view") ? "view" : "table"));
      }
    }
    for (Map.Entry<String, Rendered> e : renders.entrySet()) {
      ModelFile m = project.models().get(e.getKey());
      Rendered r = e.getValue();
      List<String> upstream = new ArrayList<>();
      for (Rendered.Ref ref : r.refs()) {
        String id = resolve(ref, m.packageName(), "Model '" + m.uniqueId() + "' (" + m.displayPath() + ")");
        if (!upstream.contains(id)) {
          upstream.add(id);
        }
      }
      List<String> sources = new ArrayList<>();
      for (String s : r.sources()) {
        checkSource(s, "Model '" + m.uniqueId() + "' (" + m.displayPath() + ")");
        if (!sources.contains(s)) {
          sources.add(s);
        }
      }
      parsed.put(m.uniqueId(), new Parsed(m, modelConfigs.get(e.getKey()), upstream,
          r.refs().stream().map(Rendered.Ref::name).toList(), sources));
    }
  }

  private String resolve(Rendered.Ref ref, String fromPackage, String what) {
    try {
      return relations.resolve(ref.packageName(), ref.name(), fromPackage);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(what + " depends on " + e.getMessage());
    }
  }

  private void checkSource(String key, String what) {
    String[] parts = key.split("\\.", 2);
    try {
      relations.source(parts[0], parts[1]);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(what + " depends on " + e.getMessage());
    }
  }

  /** Config values with Jinja in them ({@code +enabled: "{{ var('x') }}"}) rendered, hooks left for later. */
  private Map<String, Object> renderConfig(Map<String, Object> config, String pkg, String file)
      throws RenderException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : config.entrySet()) {
      boolean hook = e.getKey().equals("pre-hook") || e.getKey().equals("post-hook")
          || e.getKey().equals("pre_hook") || e.getKey().equals("post_hook");
      out.put(e.getKey(), hook ? e.getValue() : renderValue(e.getValue(), pkg, file));
    }
    return out;
  }

  private Object renderValue(Object value, String pkg, String file) throws RenderException {
    if (value instanceof String s && (s.contains("{{") || s.contains("{%"))) {
      return jinja.renderNative(NodeScope.project(file, pkg, NodeScope.Phase.PARSE), s, host);
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(e.getKey(), renderValue(e.getValue(), pkg, file));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object v : l) {
        out.add(renderValue(v, pkg, file));
      }
      return out;
    }
    return value;
  }

  private String text(NodeScope scope, String value) throws RenderException {
    if (value == null || !(value.contains("{{") || value.contains("{%"))) {
      return value;
    }
    return jinja.render(scope, value, host).sql().strip();
  }

  private static boolean enabled(Map<String, Object> config) {
    Object v = config.get("enabled");
    if (v == null) {
      return true;
    }
    if (v instanceof String s) {
      return !s.strip().equalsIgnoreCase("false");
    }
    return Py.truthy(v);
  }

  /** Where a node is built: the project's generate_schema_name and generate_alias_name, as dbt calls them. */
  private Relations.Relation place(String pkg, String resourceType, String name, String uniqueId, List<String> fqn,
      String file, Map<String, Object> config, String type) throws RenderException {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", name);
    node.put("resource_type", resourceType);
    node.put("package_name", pkg);
    node.put("unique_id", uniqueId);
    node.put("fqn", fqn);
    node.put("original_file_path", file);
    node.put("path", file);
    node.put("config", config);
    node.put("version", null);
    node.put("tags", config.getOrDefault("tags", List.of()));
    // dbt looks generate_*_name up in the root project, then in dbt itself, never in the node's package
    NodeScope scope = NodeScope.project(file, project.name(), NodeScope.Phase.EXECUTE);
    String schema = Py.str(jinja.call(scope, host, "generate_schema_name",
        java.util.Arrays.asList(config.get("schema"), node), Map.of())).strip();
    String alias = Py.str(jinja.call(scope, host, "generate_alias_name",
        java.util.Arrays.asList(config.get("alias"), node), Map.of())).strip();
    if (schema.isEmpty() || alias.isEmpty()) {
      throw new ProjectException("Cannot place " + uniqueId + " (" + file + "): generate_"
          + (schema.isEmpty() ? "schema" : "alias") + "_name returned an empty name");
    }
    return new Relations.Relation(null, schema, alias, type);
  }

  private NodeScope scope(ModelFile m, Map<String, Object> config, Relations.Relation self, boolean incremental,
      NodeScope.Phase phase) {
    return new NodeScope(m.displayPath(), m.packageName(), "model", m.name(), m.uniqueId(), self, config,
        incremental, phase, Map.of());
  }

  // ---------------------------------------------------------------- compile pass

  private CompiledNode unvalidated(Parsed p) throws RenderException {
    ModelFile m = p.model();
    boolean ephemeral = relations.isEphemeral(m.uniqueId());
    return new CompiledNode(NodeKind.MODEL, m.name(), m.uniqueId(), m.packageName(), m.fqn(), m.displayPath(),
        ephemeral ? null : relations.relation(m.uniqueId()).toString(), String.valueOf(p.config().get("materialized")),
        false, p.config(), dependsOn(p.upstream(), p.sources()), null, m.rawSql(), null, null, List.of(), List.of(),
        null);
  }

  private List<String> dependsOn(List<String> upstream, List<String> sources) {
    List<String> out = new ArrayList<>(upstream);
    for (String s : sources) {
      SourceTableDef def = project.sources().get(s);
      String id = def == null ? "source." + project.name() + "." + s : def.uniqueId();
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private CompiledNode compileModel(Parsed p) throws RenderException, CompileException, SQLException {
    ModelFile model = p.model();
    String id = model.uniqueId();
    Map<String, Object> config = p.config();
    String materialization = String.valueOf(config.get("materialized"));
    Relations.Relation relation = relations.relation(id);
    boolean incremental = false;
    if (materialization.equals("incremental") && !options.fullRefresh()
        && !Py.truthy(config.getOrDefault("full_refresh", false)) && warehouse != null) {
      List<Warehouse.ColumnInfo> existing = warehouse.columns(relation.schema(), relation.identifier());
      if (!existing.isEmpty()) {
        incremental = true;
        catalog.define(relation.schema(), relation.identifier(),
            WarehouseTypes.rowType(catalog.typeFactory(), existing));
      }
    }
    NodeScope scope = scope(model, config, relation, incremental, NodeScope.Phase.EXECUTE);
    Rendered r = jinja.render(scope, model.rawSql(), host);
    declareSources(r.sources());
    List<String> ephemerals = ephemeralDependencies(p.upstream(), new ArrayList<>());
    if (materialization.equals("ephemeral")) {
      ephemeralSql.put(id, r);
    }
    SqlCompiler.Compiled compiled;
    try {
      compiled = compiler.compile(model.displayPath(), r.sql(),
          () -> EphemeralCtes.inject(SqlCompiler.parse(model.displayPath(), r.sql()), ephemerals, ephemeralSql),
          relation.schema() == null ? options.schema() : relation.schema(), options.target());
    } catch (CompileException e) {
      throw SourceLines.map(e, model.rawSql(), r.sql());
    }
    if (!materialization.equals("ephemeral")) {
      catalog.define(relation.schema(), relation.identifier(), compiled.rowType());
    }
    return new CompiledNode(NodeKind.MODEL, model.name(), id, model.packageName(), model.fqn(), model.displayPath(),
        materialization.equals("ephemeral") ? null : relation.toString(), materialization, incremental, config,
        dependsOn(p.upstream(), p.sources()), compiled.rowType(), model.rawSql(), r.sql(), compiled.sql(),
        hooks(config, "pre-hook", scope), hooks(config, "post-hook", scope), null);
  }

  /** The node's rendered pre- or post-hooks (strings, or {@code {sql: ..., transaction: ...}} maps). */
  private List<String> hooks(Map<String, Object> config, String key, NodeScope scope) throws RenderException {
    Object value = config.get(key);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object hook : value instanceof List<?> l ? l : List.of(value)) {
      Object sql = hook instanceof Map<?, ?> m ? m.get("sql") : hook;
      if (sql == null) {
        continue;
      }
      String text = Py.str(sql);
      String rendered = scope == null || !(text.contains("{{") || text.contains("{%")) ? text
          : jinja.render(scope.with(Map.of()), text, host).sql();
      if (!rendered.isBlank()) {
        out.add(rendered.strip());
      }
    }
    return out;
  }

  /** The ephemeral models read, directly or through other ephemeral ones, upstream first. */
  List<String> ephemeralDependencies(List<String> upstream, List<String> found) {
    for (String ref : upstream) {
      if (relations.isEphemeral(ref) && !found.contains(ref)) {
        Parsed p = parsed.get(ref);
        if (p != null) {
          ephemeralDependencies(p.upstream(), found);
        }
        found.add(ref);
      }
    }
    return found;
  }

  private CompiledNode compileTest(TestDef test, boolean validate)
      throws RenderException, CompileException, SQLException {
    Map<String, Object> config = renderConfig(test.config(), test.packageName(), test.file());
    if (!enabled(config)) {
      return null;
    }
    String what = "Test '" + test.uniqueId() + "' (" + test.file() + ")";
    List<String> upstream = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    String subject = null;
    if (!test.singular()) {
      if (test.targetKind() == NodeKind.SOURCE) {
        String[] parts = test.target().split("\\.", 2);
        try {
          relations.source(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
          return null; // tests of a disabled source are disabled with it
        }
        subject = "source('" + parts[0] + "', '" + parts[1] + "')";
      } else {
        String id = (test.targetKind() == NodeKind.SEED ? "seed." : "model.") + test.packageName() + "." + test.target();
        if (!relations.enabled(id)) {
          return null; // tests of a disabled node are disabled with it
        }
        subject = "ref('" + test.target() + "')";
      }
    }
    GenericTests.Call call = test.singular() ? null : GenericTests.call(test, jinja.macros(), project.name());
    String template = test.singular() ? test.sql() : call.rawCode();
    NodeScope scope = new NodeScope(test.file(), test.packageName(), "test", test.uniqueName(), test.uniqueId(), null,
        config, false, NodeScope.Phase.PARSE, Map.of());
    Map<String, Object> kwargs = Map.of();
    if (!test.singular()) {
      Map<String, Object> raw = new LinkedHashMap<>(test.args());
      if (test.column() != null) {
        raw.put("column_name", test.column());
      }
      raw.put("model", "{{ get_where_subquery(" + subject + ") }}");
      NodeScope exec = new NodeScope(scope.file(), scope.packageName(), "test", scope.name(), scope.uniqueId(), null,
          config, false, validate ? NodeScope.Phase.EXECUTE : NodeScope.Phase.PARSE, Map.of());
      kwargs = renderKwargs(raw, exec, upstream, sources, test.packageName(), what);
      scope = scope.with(Map.of(GenericTests.KWARGS, kwargs));
    }
    // the parse render: config() calls in the test, refs of singular tests
    Rendered parse = jinja.render(scope, template, host);
    Map<String, Object> merged = new LinkedHashMap<>(parse.config());
    NodeConfigs.mergeAll(merged, config);
    for (Rendered.Ref ref : parse.refs()) {
      String id = resolve(ref, test.packageName(), what);
      if (!upstream.contains(id)) {
        upstream.add(id);
      }
    }
    for (String s : parse.sources()) {
      checkSource(s, what);
      if (!sources.contains(s)) {
        sources.add(s);
      }
    }
    Map<String, Object> metadata = null;
    if (call != null) {
      metadata = new LinkedHashMap<>();
      metadata.put("name", call.name());
      metadata.put("namespace", call.namespace());
      Map<String, Object> shown = new LinkedHashMap<>(test.args());
      if (test.column() != null) {
        shown.put("column_name", test.column());
      }
      shown.put("model", "{{ get_where_subquery(" + subject + ") }}");
      metadata.put("kwargs", shown);
    }
    List<String> depends = dependsOn(upstream, sources);
    boolean deferredParent = upstream.stream().anyMatch(deferred::contains);
    if (!validate || deferredParent) {
      return new CompiledNode(NodeKind.TEST, test.uniqueName(), test.uniqueId(), test.packageName(),
          testFqn(test), test.file(), null, "test", false, merged, depends, null, template, null, null, List.of(),
          List.of(), metadata);
    }
    NodeScope exec = new NodeScope(scope.file(), scope.packageName(), "test", scope.name(), scope.uniqueId(), null,
        merged, false, NodeScope.Phase.EXECUTE, scope.extra());
    Rendered r = jinja.render(exec, template, host);
    declareSources(r.sources());
    List<String> ephemerals = ephemeralDependencies(upstream, new ArrayList<>());
    String label = test.file() + " (" + test.uniqueName() + ")";
    SqlCompiler.Compiled compiled;
    try {
      compiled = compiler.compile(label, r.sql(),
          () -> EphemeralCtes.inject(SqlCompiler.parse(label, r.sql()), ephemerals, ephemeralSql),
          options.schema(), options.target());
    } catch (CompileException e) {
      throw test.singular() ? SourceLines.map(e, test.sql(), r.sql()) : e;
    }
    return new CompiledNode(NodeKind.TEST, test.uniqueName(), test.uniqueId(), test.packageName(), testFqn(test),
        test.file(), null, "test", false, merged, depends, compiled.rowType(), template, r.sql(), compiled.sql(),
        List.of(), List.of(), metadata);
  }

  private static List<String> testFqn(TestDef test) {
    List<String> fqn = new ArrayList<>();
    fqn.add(test.packageName());
    fqn.addAll(test.folders());
    fqn.add(test.uniqueName());
    return fqn;
  }

  /**
   * dbt's rendering of generic test arguments: strings that look like {@code ref(...)},
   * {@code source(...)}, {@code var(...)}, {@code env_var(...)} or {@code doc(...)} are wrapped in
   * {@code {{ }}}; every string is rendered natively except {@code column_name}, which stays text.
   */
  private Map<String, Object> renderKwargs(Map<String, Object> raw, NodeScope scope, List<String> upstream,
      List<String> sources, String pkg, String what) throws RenderException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      out.put(e.getKey(), e.getKey().equals("column_name") ? e.getValue()
          : renderArg(e.getValue(), scope, upstream, sources, pkg, what));
    }
    return out;
  }

  private Object renderArg(Object value, NodeScope scope, List<String> upstream, List<String> sources, String pkg,
      String what) throws RenderException {
    if (value instanceof String s) {
      String template = LOOKS_LIKE_FUNCTION.matcher(s).matches() ? "{{ " + s + " }}" : s;
      DbtJinja.NativeResult r = jinja.renderNativeTracked(scope, template, host);
      for (Rendered.Ref ref : r.refs()) {
        String id = resolve(ref, pkg, what);
        if (!upstream.contains(id)) {
          upstream.add(id);
        }
      }
      for (String src : r.sources()) {
        checkSource(src, what);
        if (!sources.contains(src)) {
          sources.add(src);
        }
      }
      return r.value();
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(e.getKey(), renderArg(e.getValue(), scope, upstream, sources, pkg, what));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object v : l) {
        out.add(renderArg(v, scope, upstream, sources, pkg, what));
      }
      return out;
    }
    return value;
  }

  private CompiledNode compileAnalysis(ModelFile analysis, boolean validate)
      throws RenderException, CompileException, SQLException {
    Map<String, Object> config = new LinkedHashMap<>();
    NodeConfigs.mergeAll(config, renderConfig(analysis.folderConfig(), analysis.packageName(), analysis.displayPath()));
    NodeConfigs.mergeAll(config, renderConfig(analysis.properties().config(), analysis.packageName(),
        analysis.displayPath()));
    if (!enabled(config)) {
      return null;
    }
    String id = "analysis." + analysis.packageName() + "." + analysis.name();
    NodeScope scope = new NodeScope(analysis.displayPath(), analysis.packageName(), "analysis", analysis.name(), id,
        null, config, false, validate ? NodeScope.Phase.EXECUTE : NodeScope.Phase.PARSE, Map.of());
    Rendered r = jinja.render(scope, analysis.rawSql(), host);
    List<String> upstream = new ArrayList<>();
    String what = "Analysis '" + id + "' (" + analysis.displayPath() + ")";
    for (Rendered.Ref ref : r.refs()) {
      String up = resolve(ref, analysis.packageName(), what);
      if (!upstream.contains(up)) {
        upstream.add(up);
      }
    }
    String sql = null;
    RelDataType type = null;
    if (validate && upstream.stream().noneMatch(deferred::contains)) {
      declareSources(r.sources());
      List<String> ephemerals = ephemeralDependencies(upstream, new ArrayList<>());
      try {
        SqlCompiler.Compiled c = compiler.compile(analysis.displayPath(), r.sql(),
            () -> EphemeralCtes.inject(SqlCompiler.parse(analysis.displayPath(), r.sql()), ephemerals, ephemeralSql),
            options.schema(), options.target());
        sql = c.sql();
        type = c.rowType();
      } catch (CompileException e) {
        throw SourceLines.map(e, analysis.rawSql(), r.sql());
      }
    }
    return new CompiledNode(NodeKind.ANALYSIS, analysis.name(), id, analysis.packageName(), analysis.fqn(),
        analysis.displayPath(), null, null, false, config, dependsOn(upstream, r.sources()), type, analysis.rawSql(),
        r.sql(), sql, List.of(), List.of(), null);
  }

  // ---------------------------------------------------------------- shared with unit tests

  DbtProject project() {
    return project;
  }

  ProjectRelations relations() {
    return relations;
  }

  RenderHost host() {
    return host;
  }

  SqlCatalog catalog() {
    return catalog;
  }

  SqlCompiler sqlCompiler() {
    return compiler;
  }

  Options options() {
    return options;
  }

  Map<String, Rendered> ephemeralSql() {
    return ephemeralSql;
  }

  /** The parsed config of an enabled model, or null. */
  Map<String, Object> modelConfig(String uniqueId) {
    Parsed p = parsed.get(uniqueId);
    return p == null ? null : p.config();
  }

  /** The models an enabled model refs, by unique id. */
  List<String> upstream(String uniqueId) {
    Parsed p = parsed.get(uniqueId);
    return p == null ? List.of() : p.upstream();
  }

  NodeScope modelScope(ModelFile m, Map<String, Object> config, Relations.Relation self) {
    return scope(m, config, self, false, NodeScope.Phase.EXECUTE);
  }

  String resolveRef(Rendered.Ref ref, String fromPackage, String what) {
    return resolve(ref, fromPackage, what);
  }

  /**
   * Declares the sources a node reads: with the column types their yml declares, else as they
   * exist in the warehouse.
   */
  void declareSources(List<String> keys) throws SQLException {
    for (String key : keys) {
      if (!declaredSources.add(key)) {
        continue;
      }
      SourceTableDef def = project.sources().get(key);
      String[] parts = key.split("\\.", 2);
      Relations.Relation rel = relations.source(parts[0], parts[1]);
      if (catalog.rowType(rel.schema(), rel.identifier()) != null) {
        continue;
      }
      RelDataType type;
      if (!def.columnTypes().isEmpty()) {
        List<Warehouse.ColumnInfo> declared = new ArrayList<>();
        def.columnTypes().forEach((column, dataType) -> declared.add(new Warehouse.ColumnInfo(column, dataType, true)));
        type = WarehouseTypes.rowType(catalog.typeFactory(), declared);
      } else if (warehouse != null) {
        List<Warehouse.ColumnInfo> columns = warehouse.columns(rel.schema(), rel.identifier());
        if (columns.isEmpty()) {
          throw new ProjectException("Cannot compile: source " + key + " (declared in " + def.file() + ") is "
              + rel + ", which does not exist in the warehouse");
        }
        type = WarehouseTypes.rowType(catalog.typeFactory(), columns);
      } else {
        throw new ProjectException("Cannot compile source " + key + " without a warehouse connection: declare the "
            + "data_type of its columns in " + def.file());
      }
      catalog.define(rel.schema(), rel.identifier(), type);
    }
  }

  private RelDataType seedType(SeedTable table) {
    List<Warehouse.ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      columns.add(new Warehouse.ColumnInfo(table.columns().get(i), table.types().get(i), true));
    }
    return WarehouseTypes.rowType(catalog.typeFactory(), columns);
  }

  /** A relation's columns as a warehouse type name, for {@code adapter.get_columns_in_relation}. */
  static List<Warehouse.ColumnInfo> columnsOf(RelDataType rowType) {
    List<Warehouse.ColumnInfo> out = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      out.add(new Warehouse.ColumnInfo(f.getName(), WarehouseTypes.sqlName(f.getType()), f.getType().isNullable()));
    }
    return out;
  }

  /** What templates may ask of this compilation. */
  private final class Host implements RenderHost {
    private final Map<String, Boolean> existing = new HashMap<>();

    @Override
    public Relations relations() {
      return relations;
    }

    @Override
    public List<Warehouse.ColumnInfo> columns(Relations.Relation relation) {
      if (relation.schema() != null) {
        RelDataType known = catalog.rowType(relation.schema(), relation.identifier());
        if (known != null) {
          return columnsOf(known);
        }
      }
      if (warehouse == null || relation.schema() == null) {
        return List.of();
      }
      try {
        return warehouse.columns(relation.schema(), relation.identifier());
      } catch (SQLException e) {
        throw new IllegalArgumentException(DbtFunctionsMessages.RUN_QUERY_FAILED + ": cannot read the columns of "
            + relation + ": " + Warehouse.errorLine(e.getMessage()));
      }
    }

    @Override
    public boolean exists(Relations.Relation relation) {
      if (relation.schema() != null && catalog.rowType(relation.schema(), relation.identifier()) != null) {
        return true;
      }
      if (warehouse == null || relation.schema() == null) {
        return false;
      }
      return existing.computeIfAbsent(relation.toString(), k -> {
        try {
          return !warehouse.columns(relation.schema(), relation.identifier()).isEmpty();
        } catch (SQLException e) {
          return false;
        }
      });
    }

    @Override
    public QueryRunner queries() {
      if (warehouse == null) {
        return null;
      }
      return sql -> {
        try {
          if (!returnsRows(sql)) {
            warehouse.execute(sql);
            return new QueryResult(List.of(), List.of());
          }
          String query = inDialect(sql);
          List<Map<String, Object>> rows = warehouse.query(query);
          List<String> columns = rows.isEmpty() ? columnNames(query) : new ArrayList<>(rows.get(0).keySet());
          List<List<Object>> values = new ArrayList<>();
          for (Map<String, Object> row : rows) {
            values.add(new ArrayList<>(row.values()));
          }
          return new QueryResult(columns, values);
        } catch (SQLException e) {
          throw new IllegalArgumentException(DbtFunctionsMessages.RUN_QUERY_FAILED + ": "
              + Warehouse.errorLine(e.getMessage()));
        }
      };
    }
  }

  /**
   * A query a template runs, in the target's dialect: parsed and printed by Calcite as models are
   * (so {@code dbt.datediff}'s standard SQL runs on DuckDB); as written when Calcite cannot read it.
   */
  private String inDialect(String sql) {
    try {
      return SqlCompiler.parse("statement", sql).toSqlString(c -> c.withDialect(options.target().dialect())
          .withQuoteAllIdentifiers(false)).getSql();
    } catch (CompileException | RuntimeException e) {
      return sql;
    }
  }

  /** The columns of a query that returned no rows (agate tables keep them: {@code table.columns[0]}). */
  private List<String> columnNames(String query) throws SQLException {
    try (java.sql.Statement st = warehouse.connection().createStatement();
         java.sql.ResultSet rs = st.executeQuery(query)) {
      java.sql.ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
      }
      return names;
    }
  }

  private static boolean returnsRows(String sql) {
    String s = sql.strip().toLowerCase(java.util.Locale.ROOT);
    while (s.startsWith("--") || s.startsWith("/*")) {
      int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/") + 1;
      s = end <= 0 ? "" : s.substring(end + 1).strip();
    }
    return s.startsWith("select") || s.startsWith("with") || s.startsWith("show") || s.startsWith("describe")
        || s.startsWith("values") || s.startsWith("from") || s.startsWith("(") || s.startsWith("pragma")
        || s.startsWith("summarize") || s.startsWith("table");
  }
}
