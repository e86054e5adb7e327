package dev.leakproof.sql.jinja;

import dev.leakproof.sql.template.Py;
import dev.leakproof.sql.template.PyCallable;
import dev.leakproof.sql.template.PyObject;
import dev.leakproof.sql.template.PyTuple;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * What {@code run_query()} and {@code load_result()} give a template, shaped like dbt's agate
 * table: {@code result.rows}, {@code result.columns[0].values()}, {@code result.columns['name']},
 * {@code result.column_names}, {@code result[0]['name']}, iteration over rows.
 */
public final class QueryResult implements PyObject, Iterable<Object> {

  /** A sequence whose items can also be read by name ({@code row['id']}, {@code row.id}). */
  public static final class Mapped extends AbstractList<Object> implements PyObject, RandomAccess {
    private final List<String> keys;
    private final List<Object> values;

    Mapped(List<String> keys, List<Object> values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public Object get(int index) {
      return values.get(index);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public Object attribute(String name) {
      int i = keys.indexOf(name);
      if (i >= 0) {
        return values.get(i);
      }
      return switch (name) {
        case "keys" -> (PyCallable) (in, a, k) -> new ArrayList<Object>(keys);
        case "values" -> (PyCallable) (in, a, k) -> new ArrayList<>(values);
        case "items" -> (PyCallable) (in, a, k) -> {
          List<Object> items = new ArrayList<>();
          for (int j = 0; j < keys.size(); j++) {
            items.add(PyTuple.of(keys.get(j), values.get(j)));
          }
          return items;
        };
        case "dict" -> (PyCallable) (in, a, k) -> {
          java.util.Map<Object, Object> d = new java.util.LinkedHashMap<>();
          for (int j = 0; j < keys.size(); j++) {
            d.put(keys.get(j), values.get(j));
          }
          return d;
        };
        default -> Py.MISSING;
      };
    }

    @Override
    public String pyStr() {
      return Py.repr(new PyTuple(values));
    }

    @Override
    public String typeName() {
      return "MappedSequence";
    }
  }

  /** One column: its name and its values, top to bottom. */
  public static final class Column implements PyObject {
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

    @Override
    public Object attribute(String attribute) {
      return switch (attribute) {
        case "name" -> name;
        case "values" -> (PyCallable) (in, a, k) -> new PyTuple(values);
        case "values_distinct" -> (PyCallable) (in, a, k) -> {
          List<Object> distinct = new ArrayList<>();
          for (Object v : values) {
            if (!Py.contains(distinct, v)) {
              distinct.add(v);
            }
          }
          return new PyTuple(distinct);
        };
        case "values_without_nulls" -> (PyCallable) (in, a, k) -> new PyTuple(
            values.stream().filter(java.util.Objects::nonNull).toList());
        default -> Py.MISSING;
      };
    }

    @Override
    public String pyStr() {
      return "<agate.Column " + name + ">";
    }
  }

  private final List<String> columnNames;
  private final List<List<Object>> rows;

  public QueryResult(List<String> columnNames, List<List<Object>> rows) {
    this.columnNames = List.copyOf(columnNames);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> values = new ArrayList<>();
      for (Object v : r) {
        values.add(Py.wrap(v));
      }
      copy.add(values);
    }
    this.rows = copy;
  }

  public List<String> getColumn_names() {
    return columnNames;
  }

  /** Each row as a tuple, for {@code load_result(...)['data']}. */
  public List<Object> data() {
    List<Object> data = new ArrayList<>();
    rows.forEach(r -> data.add(new PyTuple(r)));
    return data;
  }

  public List<List<Object>> getRows() {
    return rows;
  }

  private List<Object> mappedRows() {
    List<Object> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Mapped(columnNames, r)));
    return out;
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
  public Object attribute(String name) {
    return switch (name) {
      case "rows" -> new Mapped(List.of(), mappedRows());
      case "columns" -> new Mapped(columnNames, new ArrayList<>(getColumns()));
      case "column_names" -> new PyTuple(new ArrayList<>(columnNames));
      case "column_types" -> new PyTuple(columnNames.stream().map(c -> (Object) "agate.Text").toList());
      case "print_table", "print_csv", "print_json" -> (PyCallable) (in, a, k) -> null;
      case "__len__" -> (PyCallable) (in, a, k) -> (long) rows.size();
      default -> Py.MISSING;
    };
  }

  @Override
  public Iterator<Object> iterator() {
    return mappedRows().iterator();
  }

  @Override
  public String pyStr() {
    return "<agate.Table " + columnNames + " x " + rows.size() + ">";
  }

  @Override
  public String typeName() {
    return "Table";
  }

  @Override
  public String toString() {
    return "QueryResult" + columnNames + " x " + rows.size();
  }
}
