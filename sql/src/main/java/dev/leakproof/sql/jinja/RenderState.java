package dev.leakproof.sql.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one render collects; the static Jinja functions find it through a thread-local. */
final class RenderState {

  private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

  final String file;
  final Relations relations;
  final Map<String, Object> vars;
  final boolean incremental;
  final List<String> refs = new ArrayList<>();
  final List<String> sources = new ArrayList<>();
  final Map<String, Object> config = new LinkedHashMap<>();
  final QueryRunner queries;
  final Map<String, QueryResult> statements = new LinkedHashMap<>();

  RenderState(String file, Relations relations, Map<String, Object> vars, boolean incremental, QueryRunner queries) {
    this.file = file;
    this.relations = relations;
    this.vars = vars;
    this.incremental = incremental;
    this.queries = queries;
  }

  static RenderState current() {
    RenderState state = CURRENT.get();
    if (state == null) {
      throw new IllegalStateException("Cannot call a dbt function outside a render");
    }
    return state;
  }

  void enter() {
    CURRENT.set(this);
  }

  static void exit() {
    CURRENT.remove();
  }
}
