package dev.leakproof.sql.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one render collects: the refs, sources and config() calls, and the statements' results. */
final class RenderState {

  final List<Rendered.Ref> refs = new ArrayList<>();
  final List<String> sources = new ArrayList<>();
  final Map<String, Object> config = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> statements = new LinkedHashMap<>();
}
