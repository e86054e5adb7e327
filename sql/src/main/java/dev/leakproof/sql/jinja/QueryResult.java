package dev.leakproof.sql.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run_query()} and {@code load_result()} give a template, shaped like dbt's agate
 * table: {@code result.rows}, {@code result.columns[0].values()}, {@code result.column_names}.
 */
public final class QueryResult {

  /** One column: its name and its values, top to bottom. */
  public static final class Column {
    private final String name;
    private final List<Object> values;

    Column(String name, List<Object> values) {
      this.name = name;
      this.values = values;
    }

    public String getName() {
      return name;
    }

    public List<Object> values() {
      return values;
    }
  }

  private final List<String> columnNames;
  private final List<List<Object>> rows;

  public QueryResult(List<String> columnNames, List<List<Object>> rows) {
    this.columnNames = List.copyOf(columnNames);
    this.rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
  }

  public List<String> getColumn_names() {
    return columnNames;
  }

  public List<List<Object>> getRows() {
    return rows;
  }

  public List<Column> getColumns() {
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < columnNames.size(); c++) {
      List<Object> values = new ArrayList<>();
      for (List<Object> r : rows) {
        values.add(r.get(c));
      }
      columns.add(new Column(columnNames.get(c), values));
    }
    return columns;
  }

  @Override
  public String toString() {
    return "QueryResult" + columnNames + " x " + rows.size();
  }
}
