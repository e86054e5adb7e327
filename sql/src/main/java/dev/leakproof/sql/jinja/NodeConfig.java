package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Args;
import dev.leakproof.sql.template.Interpreter;
import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import dev.leakproof.sql.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's {@code config} in a template: called ({@code config(materialized='table')}) it records the
 * node's config and prints nothing; {@code config.get(key, default)}, {@code config.require(key)}
 * and {@code config.meta_get(key)} read the node's config as known so far.
 */
final class NodeConfig implements PyObject, PyCallable {

  private final NodeScope scope;
  private final RenderState state;

  NodeConfig(NodeScope scope, RenderState state) {
    this.scope = scope;
    this.state = state;
  }

  @Override
  public Object call(Interpreter in, List<Object> args, Map<String, Object> kwargs) {
    if (args.size() == 1 && kwargs.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> put(Py.str(k), v));
    } else if (args.isEmpty()) {
      kwargs.forEach(this::put);
    } else {
      throw new TemplateException("Invalid inline model config: config() takes keyword arguments or one dict");
    }
    return "";
  }

  private void put(String key, Object value) {
    String k = key.equals("pre_hook") ? "pre-hook" : key.equals("post_hook") ? "post-hook" : key;
    state.config.put(k, value);
  }

  private Map<String, Object> merged() {
    Map<String, Object> all = new LinkedHashMap<>(scope.config());
    all.putAll(state.config);
    return all;
  }

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "get" -> (PyCallable) (in, a, k) -> {
        String key = Py.str(Args.required("get", a, k, 0, "name"));
        Map<String, Object> all = merged();
        return all.containsKey(key) ? all.get(key) : Args.get(a, k, 1, "default", null);
      };
      case "require" -> (PyCallable) (in, a, k) -> {
        String key = Py.str(Args.required("require", a, k, 0, "name"));
        Map<String, Object> all = merged();
        if (!all.containsKey(key)) {
          throw new TemplateException("Required config key '" + key + "' not found for " + scope.resourceType() + " "
              + scope.name());
        }
        return all.get(key);
      };
      case "set" -> (PyCallable) (in, a, k) -> {
        put(Py.str(a.get(0)), a.get(1));
        return "";
      };
      case "meta_get" -> (PyCallable) (in, a, k) -> {
        Object meta = merged().get("meta");
        Object key = Args.required("meta_get", a, k, 0, "key");
        Object fallback = Args.get(a, k, 1, "default", null);
        if (meta instanceof Map<?, ?> m && m.containsKey(Py.str(key))) {
          return m.get(Py.str(key));
        }
        return fallback;
      };
      case "persist_relation_docs", "persist_column_docs" -> (PyCallable) (in, a, k) -> {
        Object docs = merged().get("persist_docs");
        return docs instanceof Map<?, ?> m && Py.truthy(m.get(name.equals("persist_relation_docs")
            ? "relation" : "columns"));
      };
      default -> Py.MISSING;
    };
  }

  @Override
  public String pyStr() {
    return "";
  }
}
