package dev.leakproof.sql.run;

import dev.leakproof.sql.compile.CompileException;
import dev.leakproof.sql.compile.SqlCompiler;
import dev.leakproof.sql.jinja.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Inlines ephemeral models into the query that reads them, as dbt does: each becomes a CTE
 * {@code __dbt__cte__<name>} ahead of the query's own CTEs, upstream ones first.
 */
final class EphemeralCtes {

  private EphemeralCtes() {}

  /** @param ephemerals unique ids of the ephemeral models, upstream first */
  static SqlNode inject(SqlNode query, List<String> ephemerals, Map<String, Rendered> rendered) throws CompileException {
    if (ephemerals.isEmpty()) {
      return query;
    }
    List<SqlNode> items = new ArrayList<>();
    for (String id : ephemerals) {
      Rendered r = rendered.get(id);
      String name = id.substring(id.lastIndexOf('.') + 1);
      SqlNode body = SqlCompiler.parse("ephemeral model " + name, r.sql());
      items.add(new SqlWithItem(SqlParserPos.ZERO, new SqlIdentifier(ProjectRelations.EPHEMERAL_PREFIX + name,
          SqlParserPos.ZERO), null, body));
    }
    if (query instanceof SqlWith with) {
      items.addAll(with.withList.getList());
      return new SqlWith(with.getParserPosition(), new SqlNodeList(items, SqlParserPos.ZERO), with.body);
    }
    return new SqlWith(SqlParserPos.ZERO, new SqlNodeList(items, SqlParserPos.ZERO), query);
  }
}
