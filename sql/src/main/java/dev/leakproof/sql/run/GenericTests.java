package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.TestDef;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The template of a generic test: a call to the project's or a package's {@code {% test %}}
 * macro when one of that name exists (it may override a built-in), else the SQL of dbt's four
 * built-in tests. Each selects the failing rows, so a test passes when its query returns none.
 */
final class GenericTests {

  private static final Pattern RELATION = Pattern.compile("\\s*(ref|source)\\(.*\\)\\s*");

  private GenericTests() {}

  static String sql(TestDef test, boolean customMacro) {
    String model = subject(test);
    String column = test.column();
    if (customMacro) {
      StringBuilder call = new StringBuilder("{{ test_" + test.testName() + "(model=" + model.replace("{{ ", "")
          .replace(" }}", ""));
      if (column != null) {
        call.append(", column_name='").append(column).append('\'');
      }
      for (Map.Entry<String, Object> arg : test.args().entrySet()) {
        if (!arg.getKey().equals("config") && !arg.getKey().equals("severity")) {
          call.append(", ").append(arg.getKey()).append('=').append(literal(arg.getValue()));
        }
      }
      return call.append(") }}").toString();
    }
    return switch (test.testName()) {
      case "not_null" -> "select " + column + " from " + model + " where " + column + " is null";
      case "unique" -> "select " + column + " as unique_field, count(*) as n_records from " + model
          + " where " + column + " is not null group by " + column + " having count(*) > 1";
      case "accepted_values" -> {
        List<?> values = (List<?>) test.args().get("values");
        if (values == null || values.isEmpty()) {
          throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
              + ": accepted_values needs values");
        }
        StringBuilder in = new StringBuilder();
        for (Object v : values) {
          in.append(in.length() == 0 ? "" : ", ").append('\'').append(String.valueOf(v).replace("'", "''")).append('\'');
        }
        yield "select " + column + " as value_field, count(*) as n_records from " + model + " where " + column
            + " is not null and cast(" + column + " as varchar) not in (" + in + ") group by " + column;
      }
      case "relationships" -> {
        String to = String.valueOf(test.args().get("to"));
        String field = String.valueOf(test.args().get("field"));
        if (!RELATION.matcher(to).matches()) {
          throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
              + ": relationships 'to' must be ref('...') or source('...', '...'), found " + to);
        }
        yield "select child." + column + " as from_field from " + model + " as child left join {{ " + to.strip()
            + " }} as parent on child." + column + " = parent." + field + " where child." + column
            + " is not null and parent." + field + " is null";
      }
      default -> throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
          + ": no generic test named " + test.testName() + " (no {% test " + test.testName() + " %} block found)");
    };
  }

  private static String subject(TestDef test) {
    if (test.targetKind() == NodeKind.SOURCE) {
      String[] parts = test.target().split("\\.", 2);
      return "{{ source('" + parts[0] + "', '" + parts[1] + "') }}";
    }
    return "{{ ref('" + test.target() + "') }}";
  }

  /** A yml value as a Jinja literal; {@code ref(...)} and {@code source(...)} stay expressions. */
  private static String literal(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof String s) {
      return RELATION.matcher(s).matches() ? s.strip() : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (Object v : list) {
        b.append(b.length() == 1 ? "" : ", ").append(literal(v));
      }
      return b.append(']').toString();
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return String.valueOf(value);
  }
}
