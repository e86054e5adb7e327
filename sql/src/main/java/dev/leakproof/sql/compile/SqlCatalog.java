package dev.leakproof.sql.compile;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The relations a model may read, with their column types: sources, seeds and the models already
 * compiled. Names are case-insensitive, as in DuckDB and Snowflake.
 */
public final class SqlCatalog {

  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(LeakproofTypeSystem.INSTANCE);
  private final CalciteSchema root = CalciteSchema.createRootSchema(false, false);
  private final Map<String, RelDataType> relations = new TreeMap<>();

  public RelDataTypeFactory typeFactory() {
    return typeFactory;
  }

  /** Declares (or redeclares) a relation {@code schema.table} with its row type. */
  public void define(String schema, String table, RelDataType rowType) {
    String s = schema.toLowerCase(Locale.ROOT);
    String t = table.toLowerCase(Locale.ROOT);
    CalciteSchema sub = root.getSubSchema(s, false);
    if (sub == null) {
      sub = root.add(s, new org.apache.calcite.schema.impl.AbstractSchema());
    }
    sub.removeTable(t);
    sub.add(t, new FixedTable(rowType));
    relations.put(s + "." + t, rowType);
  }

  /** The row type of a relation, or null when it is not declared. */
  public RelDataType rowType(String schema, String table) {
    return relations.get(schema.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT));
  }

  CalciteCatalogReader reader(String defaultSchema) {
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(props);
    return new CalciteCatalogReader(root, java.util.List.of(defaultSchema.toLowerCase(Locale.ROOT)), typeFactory,
        config);
  }

  private static final class FixedTable extends AbstractTable {
    private final RelDataType rowType;

    FixedTable(RelDataType rowType) {
      this.rowType = rowType;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      return rowType;
    }
  }
}
