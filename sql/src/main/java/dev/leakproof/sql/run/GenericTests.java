package dev.leakproof.sql.run;

import dev.leakproof.sql.jinja.Relations;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.TestDef;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of dbt's four built-in generic tests. Each selects the failing rows, so a test passes
 * when its query returns none.
 */
final class GenericTests {

  private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
  private static final Pattern SOURCE =
      Pattern.compile("\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");

  private GenericTests() {}

  static String sql(TestDef test, Relations relations) {
    String model = subject(test);
    String column = test.column();
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
        yield "select child." + column + " as from_field from " + model + " as child left join " + parent(to, test)
            + " as parent on child." + column + " = parent." + field + " where child." + column
            + " is not null and parent." + field + " is null";
      }
      default -> throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
          + ": no generic test named " + test.testName());
    };
  }

  private static String subject(TestDef test) {
    if (test.targetKind() == NodeKind.SOURCE) {
      String[] parts = test.target().split("\\.", 2);
      return "{{ source('" + parts[0] + "', '" + parts[1] + "') }}";
    }
    return "{{ ref('" + test.target() + "') }}";
  }

  private static String parent(String to, TestDef test) {
    Matcher ref = REF.matcher(to);
    if (ref.matches()) {
      return "{{ ref('" + ref.group(1) + "') }}";
    }
    Matcher source = SOURCE.matcher(to);
    if (source.matches()) {
      return "{{ source('" + source.group(1) + "', '" + source.group(2) + "') }}";
    }
    throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
        + ": relationships 'to' must be ref('...') or source('...', '...'), found " + to);
  }
}
