package dev.leakproof.connectors.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sync's model rows from the warehouse over JDBC, mapped to destination fields, and
 * refuses a model whose key is null or repeated: nothing is sent then.
 */
public final class SourceReader {

  private SourceReader() {}

  /**
   * @param relation the model's relation ({@code main.crm_account_fields})
   * @throws GuardrailException naming the key and value for null or duplicate keys
   */
  public static List<SourceRow> read(Connection connection, String relation, SyncSpec spec) throws SQLException {
    List<String> columns = new ArrayList<>(spec.mappings().keySet());
    if (!columns.contains(spec.primaryKey())) {
      columns.add(0, spec.primaryKey());
    }
    String sql = "SELECT " + String.join(", ", columns) + " FROM " + relation;
    List<SourceRow> rows = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int line = 0;
      while (rs.next()) {
        line++;
        Object key = rs.getObject(spec.primaryKey());
        if (key == null || key.toString().isBlank()) {
          throw new GuardrailException("Cannot sync " + spec.name() + ": row " + line + " of " + relation
              + " has a null " + spec.primaryKey());
        }
        String k = Values.canonical(key);
        Integer first = seen.putIfAbsent(k, line);
        if (first != null) {
          throw new GuardrailException("Cannot sync " + spec.name() + ": " + spec.primaryKey() + " " + k
              + " appears twice in " + relation + " (rows " + first + " and " + line + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : spec.mappings().entrySet()) {
          fields.put(m.getValue(), Values.canonical(rs.getObject(m.getKey())));
        }
        rows.add(SourceRow.of(k, fields, spec.createOnly()));
      }
    }
    return rows;
  }
}
