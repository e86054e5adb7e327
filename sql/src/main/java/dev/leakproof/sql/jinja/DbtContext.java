package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Args;
import dev.leakproof.sql.template.Context;
import dev.leakproof.sql.template.Filters;
import dev.leakproof.sql.template.Macro;
import dev.leakproof.sql.template.MacroDefinition;
import dev.leakproof.sql.template.MacroReturn;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import dev.leakproof.sql.template.PyTuple;
import dev.leakproof.sql.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The names one render of one node sees, in dbt's order: what the node adds
 * ({@code _dbt_generic_test_kwargs}, ...), then macros (the node's package, the root project, the
 * package namespaces such as {@code dbt_utils}, {@code dbt}, then the internal macros), then dbt's
 * context: {@code ref}, {@code source}, {@code config}, {@code var}, {@code env_var},
 * {@code this}, {@code target}, {@code adapter}, {@code execute}, {@code return}, ...
 * Macros are bound to this context, as dbt binds them to the node being rendered.
 */
final class DbtContext implements Context {

  private final DbtJinja jinja;
  private final NodeScope scope;
  private final RenderHost host;
  private final RenderState state;
  private final Map<MacroDefinition, Macro> bound = new HashMap<>();
  private final Map<String, Object> builtins = new HashMap<>();

  DbtContext(DbtJinja jinja, NodeScope scope, RenderHost host, RenderState state) {
    this.jinja = jinja;
    this.scope = scope;
    this.host = host;
    this.state = state;
  }

  RenderHost host() {
    return host;
  }

  NodeScope scope() {
    return scope;
  }

  RenderState state() {
    return state;
  }

  String targetType() {
    return jinja.target().type();
  }

  /** True when statements run: the execute phase with a warehouse connected. */
  boolean executing() {
    return scope.phase() == NodeScope.Phase.EXECUTE && host.queries() != null;
  }

  Macro bind(MacroDefinition definition) {
    return bound.computeIfAbsent(definition, d -> d.bind(this));
  }

  Macro dispatch(String name, String namespace) {
    return bind(jinja.macros().dispatch(scope.packageName(), name, namespace));
  }

  @Override
  public Object lookup(String name) {
    if (scope.extra().containsKey(name)) {
      return scope.extra().get(name);
    }
    MacroRegistry macros = jinja.macros();
    MacroDefinition m = scope.packageName() == null ? null : macros.get(scope.packageName(), name);
    if (m == null) {
      m = macros.get(macros.root(), name);
    }
    if (m != null) {
      return bind(m);
    }
    if (macros.hasPackage(name)) {
      return new PackageNamespace(name);
    }
    m = macros.get(MacroRegistry.INTERNAL, name);
    if (m != null) {
      return bind(m);
    }
    return builtins.computeIfAbsent(name, this::builtin);
  }

  /** A package's macros as attributes: {@code dbt_utils.star(...)}. */
  private final class PackageNamespace implements PyObject {
    private final String packageName;

    PackageNamespace(String packageName) {
      this.packageName = packageName;
    }

    @Override
    public Object attribute(String name) {
      MacroDefinition m = jinja.macros().get(packageName, name);
      return m == null ? Py.MISSING : bind(m);
    }

    @Override
    public String pyStr() {
      return "<namespace " + packageName + ">";
    }

    @Override
    public String typeName() {
      return "namespace '" + packageName + "'";
    }
  }

  private Object builtin(String name) {
    return switch (name) {
      case "ref" -> (PyCallable) (in, a, k) -> ref(a, k);
      case "source" -> (PyCallable) (in, a, k) -> source(a);
      case "config" -> new NodeConfig(scope, state);
      case "var" -> (PyCallable) (in, a, k) -> var(a);
      case "env_var" -> (PyCallable) (in, a, k) -> envVar(a);
      case "is_incremental" -> (PyCallable) (in, a, k) -> scope.incremental();
      case "should_full_refresh" -> (PyCallable) (in, a, k) -> Py.truthy(jinja.flags().get("FULL_REFRESH"));
      case "execute" -> executing();
      case "return" -> (PyCallable) (in, a, k) -> {
        throw new MacroReturn(a.isEmpty() ? null : a.get(0));
      };
      case "load_result" -> (PyCallable) (in, a, k) -> state.statements.get(Py.str(a.get(0)));
      case "store_result" -> (PyCallable) (in, a, k) -> {
        storeResult(Py.str(a.get(0)), Args.get(a, k, 1, "response", null), Args.get(a, k, 2, "agate_table", null));
        return "";
      };
      case "store_raw_result" -> (PyCallable) (in, a, k) -> {
        storeResult(Py.str(a.get(0)), Args.get(a, k, 1, "message", "OK"), Args.get(a, k, 4, "agate_table", null));
        return "";
      };
      case "adapter" -> new Adapter(this);
      case "api" -> (PyObject) n -> switch (n) {
        case "Relation" -> relationType();
        case "Column" -> columnType();
        default -> Py.MISSING;
      };
      case "exceptions" -> exceptions();
      case "log" -> (PyCallable) (in, a, k) -> {
        jinja.log(scope, Py.str(a.isEmpty() ? "" : a.get(0)), Py.truthy(Args.get(a, k, 1, "info", false)));
        return "";
      };
      case "print" -> (PyCallable) (in, a, k) -> {
        jinja.log(scope, Py.str(a.isEmpty() ? "" : a.get(0)), true);
        return "";
      };
      case "target" -> jinja.target().asMap();
      case "this" -> scope.self();
      case "model" -> model();
      case "flags" -> (PyObject) n -> jinja.flags().containsKey(n.toUpperCase(java.util.Locale.ROOT))
          ? jinja.flags().get(n.toUpperCase(java.util.Locale.ROOT)) : Py.MISSING;
      case "graph" -> jinja.graph();
      case "project_name" -> jinja.macros().root();
      case "invocation_id" -> jinja.invocationId();
      case "run_started_at" -> jinja.runStartedAt();
      case "modules" -> new Modules(jinja.clock());
      case "database" -> jinja.target().database();
      case "schema" -> jinja.target().schema();
      case "dbt_version" -> DbtJinja.DBT_VERSION;
      case "thread_id" -> "Thread-1";
      case "selected_resources" -> new ArrayList<>();
      case "write" -> (PyCallable) (in, a, k) -> "";
      case "doc" -> (PyCallable) (in, a, k) -> jinja.doc(Py.str(a.get(a.size() - 1)));
      case "builtins" -> builtinsDict();
      case "tojson" -> (PyCallable) (in, a, k) -> {
        try {
          return Filters.toJson(a.get(0), null, Py.truthy(Args.get(a, k, 2, "sort_keys", false)));
        } catch (TemplateException e) {
          return Args.get(a, k, 1, "default", null);
        }
      };
      case "fromjson" -> (PyCallable) (in, a, k) -> Serialization.fromJson(Py.str(a.get(0)),
          Args.get(a, k, 1, "default", null));
      case "toyaml" -> (PyCallable) (in, a, k) -> Serialization.toYaml(a.get(0),
          Py.truthy(Args.get(a, k, 2, "sort_keys", false)));
      case "fromyaml" -> (PyCallable) (in, a, k) -> Serialization.fromYaml(Py.str(a.get(0)),
          Args.get(a, k, 1, "default", null));
      case "zip" -> (PyCallable) (in, a, k) -> {
        List<List<Object>> lists = a.stream().map(Py::iterate).toList();
        int n = lists.stream().mapToInt(List::size).min().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          List<Object> t = new ArrayList<>();
          for (List<Object> l : lists) {
            t.add(l.get(i));
          }
          out.add(new PyTuple(t));
        }
        return out;
      };
      case "set" -> (PyCallable) (in, a, k) -> {
        try {
          return new LinkedHashSet<>(Py.iterate(a.get(0)));
        } catch (TemplateException e) {
          return Args.get(a, k, 1, "default", null);
        }
      };
      case "set_strict" -> (PyCallable) (in, a, k) -> new LinkedHashSet<>(Py.iterate(a.get(0)));
      case "try_or_compiler_error" -> (PyCallable) (in, a, k) -> {
        try {
          return in.call(a.get(1), a.subList(2, a.size()), k);
        } catch (TemplateException e) {
          throw new TemplateException(Py.str(a.get(0)));
        }
      };
      case "local_md5" -> (PyCallable) (in, a, k) -> md5(Py.str(a.get(0)));
      case "diff_of_two_dicts" -> (PyCallable) (in, a, k) -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        Map<?, ?> x = (Map<?, ?>) a.get(0);
        Map<?, ?> y = (Map<?, ?>) a.get(1);
        x.forEach((key, v) -> {
          if (!y.containsKey(key)) {
            out.put(key, v);
          }
        });
        return out;
      };
      default -> Py.MISSING;
    };
  }

  private Object ref(List<Object> a, Map<String, Object> k) {
    if (a.isEmpty() || a.size() > 2) {
      throw new TemplateException("ref() takes at most two arguments (" + a.size() + " given)");
    }
    String pkg = a.size() == 2 ? Py.str(a.get(0)) : null;
    String name = Py.str(a.get(a.size() - 1));
    state.refs.add(new Rendered.Ref(pkg, name));
    try {
      return host.relations().ref(pkg, name, scope.packageName());
    } catch (IllegalArgumentException e) {
      if (scope.phase() == NodeScope.Phase.PARSE) {
        return new Relations.Relation(jinja.target().schema(), name);
      }
      throw e;
    }
  }

  private Object source(List<Object> a) {
    if (a.size() != 2) {
      throw new TemplateException("source() takes exactly two arguments (" + a.size() + " given)");
    }
    String sourceName = Py.str(a.get(0));
    String table = Py.str(a.get(1));
    state.sources.add(sourceName + "." + table);
    try {
      return host.relations().source(sourceName, table);
    } catch (IllegalArgumentException e) {
      if (scope.phase() == NodeScope.Phase.PARSE) {
        return new Relations.Relation(sourceName, table);
      }
      throw e;
    }
  }

  private Object var(List<Object> a) {
    if (a.isEmpty()) {
      throw new TemplateException("var() takes a variable name");
    }
    String name = Py.str(a.get(0));
    Object v = jinja.vars().lookup(scope.packageName(), name);
    if (v != Py.MISSING && v != null) {
      return v;
    }
    if (a.size() > 1) {
      return a.get(1);
    }
    if (v == null) {
      return null;
    }
    throw new TemplateException("Required var '" + name + "' not found in config:\nVars supplied to " + scope.name()
        + " = " + Py.repr(jinja.vars().visible(scope.packageName())));
  }

  private Object envVar(List<Object> a) {
    String name = Py.str(a.get(0));
    String value = jinja.environmentVariable(name);
    if (value != null) {
      return value;
    }
    if (a.size() > 1) {
      return a.get(1);
    }
    throw new TemplateException("Env var required but not provided: '" + name + "'");
  }

  private void storeResult(String name, Object response, Object table) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("response", response);
    result.put("data", table instanceof QueryResult q ? q.data() : new ArrayList<>());
    result.put("table", table);
    state.statements.put(name, result);
  }

  private Map<String, Object> model() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", scope.name());
    model.put("unique_id", scope.uniqueId());
    model.put("resource_type", scope.resourceType());
    model.put("package_name", scope.packageName());
    model.put("original_file_path", scope.file());
    model.put("path", scope.file());
    model.put("config", new LinkedHashMap<>(scope.config()));
    model.put("alias", scope.self() == null ? scope.name() : scope.self().identifier());
    model.put("schema", scope.self() == null ? jinja.target().schema() : scope.self().schema());
    model.put("database", jinja.target().database());
    model.put("tags", scope.config().getOrDefault("tags", new ArrayList<>()));
    model.put("meta", scope.config().getOrDefault("meta", new LinkedHashMap<>()));
    return model;
  }

  private Map<String, Object> builtinsDict() {
    Map<String, Object> b = new LinkedHashMap<>();
    for (String n : List.of("ref", "source", "config")) {
      b.put(n, builtin(n));
    }
    return b;
  }

  PyObject relationType() {
    return n -> n.equals("create") ? (PyCallable) (in, a, k) -> new Relations.Relation(
        str(Args.get(a, k, 0, "database", null)), str(Args.get(a, k, 1, "schema", null)),
        str(Args.get(a, k, 2, "identifier", null)), str(Args.get(a, k, 3, "type", null))) : Py.MISSING;
  }

  PyObject columnType() {
    return new ColumnType();
  }

  /** {@code api.Column}: callable as a constructor, with {@code translate_type} and friends. */
  private static final class ColumnType implements PyObject, PyCallable {
    @Override
    public Object call(dev.leakproof.sql.template.Interpreter in, List<Object> a, Map<String, Object> k) {
      return new ColumnObject(Py.str(Args.required("Column", a, k, 0, "column")),
          Py.str(Args.required("Column", a, k, 1, "dtype")));
    }

    @Override
    public Object attribute(String n) {
      return switch (n) {
        case "translate_type" -> (PyCallable) (in, a, k) -> ColumnObject.translate(Py.str(a.get(0)));
        case "create" -> (PyCallable) (in, a, k) -> new ColumnObject(Py.str(a.get(0)), Py.str(a.get(1)));
        case "string_type" -> (PyCallable) (in, a, k) -> "varchar(" + Py.str(a.get(0)) + ")";
        case "numeric_type" -> (PyCallable) (in, a, k) -> a.size() < 3 || a.get(1) == null ? Py.str(a.get(0))
            : Py.str(a.get(0)) + "(" + Py.str(a.get(1)) + "," + Py.str(a.get(2)) + ")";
        default -> Py.MISSING;
      };
    }
  }

  private static String str(Object v) {
    return v == null ? null : Py.str(v);
  }

  private PyObject exceptions() {
    return n -> switch (n) {
      case "raise_compiler_error" -> (PyCallable) (in, a, k) -> {
        throw new TemplateException("Compilation Error: " + Py.str(a.isEmpty() ? "" : a.get(0)));
      };
      case "raise_not_implemented" -> (PyCallable) (in, a, k) -> {
        throw new TemplateException("Not implemented: " + Py.str(a.isEmpty() ? "" : a.get(0)));
      };
      case "raise_database_error" -> (PyCallable) (in, a, k) -> {
        throw new TemplateException("Database Error: " + Py.str(a.isEmpty() ? "" : a.get(0)));
      };
      case "raise_fail_fast_error" -> (PyCallable) (in, a, k) -> {
        throw new TemplateException("Failing early due to test failure: " + Py.str(a.isEmpty() ? "" : a.get(0)));
      };
      case "warn" -> (PyCallable) (in, a, k) -> {
        jinja.warn(scope, Py.str(a.isEmpty() ? "" : a.get(0)));
        return "";
      };
      default -> Py.MISSING;
    };
  }

  private static String md5(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
