package dev.leakproof.sql.compile;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Lateral column aliases, which DuckDB and Snowflake allow and Calcite does not:
 * {@code select a + 1 as b, b * 2 as c}. A reference to an earlier select item's alias is
 * replaced by that item's expression, so the query validates and prints the same in every
 * dialect. Only names the validator could not resolve as columns are inlined.
 */
final class LateralAliases extends SqlShuttle {

  private final Set<String> names;

  /** @param names lower-case aliases to inline where a later select item refers to them */
  LateralAliases(Set<String> names) {
    this.names = names;
  }

  @Override
  public SqlNode visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      inline(select);
    }
    return super.visit(call);
  }

  private void inline(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    Map<String, SqlNode> earlier = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      SqlNode replaced = item.accept(new Replace(earlier));
      items.set(i, replaced);
      if (replaced.getKind() == SqlKind.AS) {
        SqlCall as = (SqlCall) replaced;
        String alias = ((SqlIdentifier) as.operand(1)).getSimple().toLowerCase(Locale.ROOT);
        if (names.contains(alias)) {
          earlier.put(alias, as.operand(0));
        }
      }
    }
  }

  /** Replaces simple identifiers naming an earlier alias, without entering sub-queries. */
  private static final class Replace extends SqlShuttle {
    private final Map<String, SqlNode> earlier;

    Replace(Map<String, SqlNode> earlier) {
      this.earlier = earlier;
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
      if (id.isSimple()) {
        SqlNode expression = earlier.get(id.getSimple().toLowerCase(Locale.ROOT));
        if (expression != null) {
          return expression.clone(id.getParserPosition());
        }
      }
      return id;
    }

    @Override
    public SqlNode visit(SqlCall call) {
      if (call instanceof SqlSelect) {
        return call;
      }
      if (call.getKind() == SqlKind.AS) {
        SqlNode operand = call.operand(0).accept(this);
        return new SqlBasicCall(call.getOperator(), new SqlNode[] {operand, call.operand(1)}, call.getParserPosition());
      }
      return super.visit(call);
    }
  }
}
