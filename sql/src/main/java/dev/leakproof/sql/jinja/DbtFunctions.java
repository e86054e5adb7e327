package dev.leakproof.sql.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dbt's context functions, as static methods Jinjava calls: {@code ref}, {@code source},
 * {@code config}, {@code var}, {@code env_var}, {@code is_incremental}. Keyword arguments arrive
 * as Jinjava {@link NamedParameter}s.
 */
public final class DbtFunctions {

  private DbtFunctions() {}

  /** {@code ref('model')} or {@code ref('package', 'model')}: the model's relation. */
  public static Relations.Relation ref(Object... args) {
    List<Object> positional = positional(args);
    if (positional.isEmpty() || positional.size() > 2) {
      throw new IllegalArgumentException("ref() takes a model name, optionally after a package name");
    }
    String name = String.valueOf(positional.get(positional.size() - 1));
    RenderState state = RenderState.current();
    state.refs.add(name);
    return state.relations.ref(name);
  }

  /** {@code source('source_name', 'table_name')}: the declared source table's relation. */
  public static Relations.Relation source(String sourceName, String tableName) {
    RenderState state = RenderState.current();
    state.sources.add(sourceName + "." + tableName);
    return state.relations.source(sourceName, tableName);
  }

  /** {@code config(materialized='table', ...)}: records the node's config; prints nothing. */
  public static String config(Object... args) {
    RenderState state = RenderState.current();
    for (Object a : args) {
      if (a instanceof NamedParameter p) {
        state.config.put(p.getName(), p.getValue());
      } else if (a instanceof Map<?, ?> m) {
        m.forEach((k, v) -> state.config.put(String.valueOf(k), v));
      } else {
        throw new IllegalArgumentException("config() takes keyword arguments, found " + a);
      }
    }
    return "";
  }

  /** {@code var('name')} or {@code var('name', default)}: a project or command-line variable. */
  public static Object var(Object... args) {
    List<Object> positional = positional(args);
    if (positional.isEmpty()) {
      throw new IllegalArgumentException("var() takes a variable name");
    }
    String name = String.valueOf(positional.get(0));
    RenderState state = RenderState.current();
    if (state.vars.containsKey(name) && state.vars.get(name) != null) {
      return state.vars.get(name);
    }
    if (positional.size() > 1) {
      return positional.get(1);
    }
    throw new IllegalArgumentException("Required var '" + name + "' not found: set it in dbt_project.yml or --vars");
  }

  /** {@code env_var('NAME')} or {@code env_var('NAME', default)}: an environment variable. */
  public static String env_var(Object... args) {
    List<Object> positional = positional(args);
    if (positional.isEmpty()) {
      throw new IllegalArgumentException("env_var() takes a variable name");
    }
    String name = String.valueOf(positional.get(0));
    String value = System.getenv(name);
    if (value != null) {
      return value;
    }
    if (positional.size() > 1) {
      return String.valueOf(positional.get(1));
    }
    throw new IllegalArgumentException("Env var required but not provided: '" + name + "'");
  }

  /** {@code is_incremental()}: true when an incremental model is being added to, not rebuilt. */
  public static boolean is_incremental() {
    return RenderState.current().incremental;
  }

  /** {@code run_query(sql)}: runs a query at compile time and returns its rows (needs {@code execute}). */
  public static QueryResult run_query(String sql) {
    RenderState state = RenderState.current();
    if (state.queries == null) {
      throw new IllegalArgumentException("run_query() needs a warehouse connection; guard it with {% if execute %}");
    }
    return state.queries.run(sql);
  }

  /** Runs the SQL of a {@code statement} call block and keeps its result under the name. */
  public static String __statement(Object name, Object sql, Object fetchResult) {
    RenderState state = RenderState.current();
    if (state.queries == null) {
      return "";
    }
    QueryResult result = state.queries.run(String.valueOf(sql));
    state.statements.put(String.valueOf(name), result);
    return "";
  }

  /** {@code load_result('name')}: the result of a named statement, as {@code {data, table}}. */
  public static Map<String, Object> load_result(String name) {
    QueryResult result = RenderState.current().statements.get(name);
    if (result == null) {
      return null;
    }
    return Map.of("data", result.getRows(), "table", result);
  }

  /** {@code return(value)}: a macro's value; Jinjava macros return what they print. */
  public static Object __return(Object value) {
    return value;
  }

  /** Doubles single quotes, for SQL string literals. */
  public static String __escape_quotes(Object value) {
    return String.valueOf(value).replace("'", "''");
  }

  /** {@code doc('name')}: docs blocks are not rendered into SQL. */
  public static String doc(Object... args) {
    return "";
  }

  /** {@code log(message, info=False)}: written to Leakproof's log, prints nothing. */
  public static String log(Object... args) {
    org.slf4j.LoggerFactory.getLogger("dbt.log").info("{} {}", RenderState.current().file,
        args.length == 0 ? "" : positional(args).get(0));
    return "";
  }

  private static List<Object> positional(Object[] args) {
    List<Object> positional = new ArrayList<>();
    for (Object a : args) {
      positional.add(a instanceof NamedParameter p ? p.getValue() : a);
    }
    return positional;
  }
}
