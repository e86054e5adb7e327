package dev.leakproof.sql.run;

import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.jinja.RenderException;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.SourceTableDef;
import dev.leakproof.sql.warehouse.Warehouse;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * dbt's {@code source freshness}: for each source table with a {@code freshness} config and a
 * {@code loaded_at_field}, the newest {@code loaded_at_field} (with the config's {@code filter})
 * against the warehouse's current time: {@code error} past {@code error_after}, {@code warn}
 * past {@code warn_after}, else {@code pass}; {@code runtime error} when the query fails.
 * Timestamps without a time zone are read as UTC, as dbt does.
 */
public final class SourceFreshness {

  /** One source table's freshness. */
  public record Result(String uniqueId, String status, Instant maxLoadedAt, Instant snapshottedAt, double ageSeconds,
      Map<String, Object> criteria, String error, double executionSeconds) {}

  private final Warehouse warehouse;
  private final ProjectCompiler compiler;

  SourceFreshness(Warehouse warehouse, ProjectCompiler compiler) {
    this.warehouse = warehouse;
    this.compiler = compiler;
  }

  /** @param selected unique ids to check, null for every source with a freshness config */
  List<Result> check(DbtProject project, Set<String> selected) throws RenderException {
    List<Result> results = new ArrayList<>();
    for (SourceTableDef s : project.sources().values()) {
      if (s.freshness() == null || selected != null && !selected.contains(s.uniqueId())) {
        continue;
      }
      Map<String, Object> f = s.freshness();
      if (f.get("warn_after") == null && f.get("error_after") == null) {
        continue;
      }
      if (s.loadedAtField() == null) {
        throw new ProjectException("Source " + s.key() + " (" + s.file() + ") has a freshness config but no "
            + "loaded_at_field to read it from");
      }
      long start = System.nanoTime();
      Instant now = Instant.now();
      Relations.Relation relation;
      try {
        relation = compiler.relations().source(s.sourceName(), s.tableName());
      } catch (IllegalArgumentException disabled) {
        continue;
      }
      String sql = "select max(" + s.loadedAtField() + ") as max_loaded_at, current_timestamp as snapshotted_at from "
          + relation + (f.get("filter") == null ? "" : " where " + f.get("filter"));
      try {
        Map<String, Object> row = warehouse.query(sql).get(0);
        Instant max = instant(row.get("max_loaded_at"));
        Instant snapshotted = instant(row.get("snapshotted_at"));
        snapshotted = snapshotted == null ? now : snapshotted;
        double age = max == null ? Double.POSITIVE_INFINITY : Duration.between(max, snapshotted).toMillis() / 1000.0;
        String status = "pass";
        if (exceeds(age, f.get("error_after"), s)) {
          status = "error";
        } else if (exceeds(age, f.get("warn_after"), s)) {
          status = "warn";
        }
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("warn_after", f.get("warn_after"));
        criteria.put("error_after", f.get("error_after"));
        criteria.put("filter", f.get("filter"));
        results.add(new Result(s.uniqueId(), status, max, snapshotted, max == null ? -1 : age, criteria, null,
            (System.nanoTime() - start) / 1e9));
      } catch (SQLException e) {
        results.add(new Result(s.uniqueId(), "runtime error", null, now, -1, Map.of(),
            "Database error in source " + s.key() + ": " + Warehouse.errorLine(e.getMessage()),
            (System.nanoTime() - start) / 1e9));
      }
    }
    return results;
  }

  private static boolean exceeds(double ageSeconds, Object threshold, SourceTableDef s) {
    if (!(threshold instanceof Map<?, ?> t) || t.get("count") == null || t.get("period") == null) {
      return false;
    }
    long count;
    try {
      count = Long.parseLong(String.valueOf(t.get("count")).strip());
    } catch (NumberFormatException e) {
      throw new ProjectException("Source " + s.key() + " (" + s.file() + "): freshness count must be a whole number, "
          + "found " + t.get("count"));
    }
    long unit = switch (String.valueOf(t.get("period")).toLowerCase(Locale.ROOT)) {
      case "minute" -> 60;
      case "hour" -> 3600;
      case "day" -> 86400;
      default -> throw new ProjectException("Source " + s.key() + " (" + s.file() + "): freshness period must be "
          + "minute, hour or day, found " + t.get("period"));
    };
    return ageSeconds > count * unit;
  }

  private static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof java.time.LocalDate d) {
      return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(String.valueOf(v).replace(' ', 'T')).toInstant();
  }
}
