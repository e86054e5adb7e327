package dev.leakproof.connectors.salesforce.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /services/data/vXX.X/query?q=...}: runs the {@link SoqlQuery} subset against the store
 * and answers {@code {"totalSize", "done": true, "records": [...]}} in one page. Text comparisons
 * ignore case, as SOQL's do.
 */
final class QueryApi {

  private final Schema schema;
  private final RecordStore store;

  QueryApi(Schema schema, RecordStore store) {
    this.schema = schema;
    this.store = store;
  }

  Map<String, Object> run(String soql, String version) {
    if (soql == null || soql.isBlank()) {
      throw ApiException.malformedQuery("A query string (q) is required");
    }
    SoqlQuery q = SoqlQuery.parse(soql);
    SObjectType type = schema.object(q.object()).orElseThrow(() -> new ApiException(400, "INVALID_TYPE",
        "sObject type '" + q.object() + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c'"
            + " after the entity name. Please reference your WSDL or the describe call for the appropriate names."));
    List<FieldDef> selected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : q.fields()) {
      FieldDef f = field(type, name);
      if (!seen.add(f.name())) {
        throw ApiException.malformedQuery("duplicate field selected: " + f.name());
      }
      selected.add(f);
    }
    Predicate<Map<String, Object>> filter = r -> true;
    for (SoqlQuery.Condition c : q.where()) {
      filter = filter.and(matcher(field(type, c.field()), c));
    }
    List<Map<String, Object>> rows = new ArrayList<>(store.all(type).stream().filter(filter).toList());
    if (q.orderBy() != null) {
      String key = field(type, q.orderBy()).name();
      Comparator<Object> values = q.descending() ? QueryApi.<Object>natural().reversed() : natural();
      Comparator<Object> withNulls = q.nullsLast() ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
      rows.sort(Comparator.comparing(r -> r.get(key), withNulls));
    }
    if (q.limit() >= 0 && rows.size() > q.limit()) {
      rows = rows.subList(0, q.limit());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("totalSize", rows.size());
    body.put("done", true);
    List<Map<String, Object>> records = new ArrayList<>();
    if (!q.count()) {
      rows.forEach(r -> records.add(render(type, selected, r, version)));
    }
    body.put("records", records);
    return body;
  }

  private static Map<String, Object> render(SObjectType type, List<FieldDef> selected, Map<String, Object> row, String version) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("type", type.name());
    attributes.put("url", "/services/data/v" + version + "/sobjects/" + type.name() + "/" + row.get("Id"));
    out.put("attributes", attributes);
    selected.forEach(f -> out.put(f.name(), FieldValues.toJson(row.get(f.name()))));
    return out;
  }

  private static FieldDef field(SObjectType type, String name) {
    return type.field(name).orElseThrow(() -> ApiException.invalidField("No such column '" + name + "' on entity '" + type.name()
        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
        + " Please reference your WSDL or the describe call for the appropriate names."));
  }

  private static Predicate<Map<String, Object>> matcher(FieldDef field, SoqlQuery.Condition c) {
    List<Object> literals = new ArrayList<>();
    c.values().forEach(t -> literals.add(literal(field, t)));
    return row -> {
      Object v = row.get(field.name());
      return switch (c.operator()) {
        case "IN" -> v != null && literals.stream().anyMatch(l -> l != null && compare(v, l) == 0);
        case "=" -> literals.get(0) == null ? v == null : v != null && compare(v, literals.get(0)) == 0;
        case "!=" -> literals.get(0) == null ? v != null : v == null || compare(v, literals.get(0)) != 0;
        default -> v != null && literals.get(0) != null && holds(c.operator(), compare(v, literals.get(0)));
      };
    };
  }

  private static boolean holds(String operator, int cmp) {
    return switch (operator) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      default -> cmp >= 0;
    };
  }

  private static Object literal(FieldDef field, SoqlLexer.Token t) {
    if (t.isKeyword("null")) {
      return null;
    }
    FieldType type = field.type();
    SoqlLexer.Kind kind = t.kind();
    if ((type.isText() || type == FieldType.ID || type == FieldType.REFERENCE) && kind == SoqlLexer.Kind.STRING) {
      if (type == FieldType.ID || type == FieldType.REFERENCE) {
        String id = SalesforceIds.normalize(t.text());
        if (id == null) {
          throw new ApiException(400, "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + t.text());
        }
        return id;
      }
      return t.text();
    }
    if (type.isNumeric() && kind == SoqlLexer.Kind.NUMBER) {
      return new BigDecimal(t.text());
    }
    if (type == FieldType.BOOLEAN && (t.isKeyword("true") || t.isKeyword("false"))) {
      return Boolean.valueOf(t.text().toLowerCase(java.util.Locale.ROOT));
    }
    if (type == FieldType.DATE && kind == SoqlLexer.Kind.DATE) {
      return LocalDate.parse(t.text());
    }
    if (type == FieldType.DATETIME && kind == SoqlLexer.Kind.DATETIME) {
      try {
        return (Instant) FieldValues.coerce(field, t.text());
      } catch (RowError.Rejected e) {
        throw ApiException.malformedQuery("invalid date-time literal: " + t.text());
      }
    }
    throw new ApiException(400, "INVALID_QUERY_FILTER_OPERATOR", "value of filter criterion for field '" + field.name()
        + "' must be of type " + type.apiName() + (type.isText() || type == FieldType.ID ? " and should be enclosed in quotes" : " and should not be enclosed in quotes"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return s.compareToIgnoreCase(t);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    return ((Comparable) a).compareTo(b);
  }

  private static <T> Comparator<T> natural() {
    return QueryApi::compare;
  }
}
