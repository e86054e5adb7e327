package dev.leakproof.sql.compile;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system sized like the warehouses Leakproof targets: DECIMAL(38, s) as in DuckDB
 * and Snowflake (Calcite's default caps precision at 19, too small for money times quantities).
 */
public final class LeakproofTypeSystem extends RelDataTypeSystemImpl {

  public static final RelDataTypeSystem INSTANCE = new LeakproofTypeSystem();

  private LeakproofTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  /** A UNION of 'a' and 'abc' is VARCHAR, as in every warehouse, not a padded CHAR(3). */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
