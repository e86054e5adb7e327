package dev.leakproof.sql.compile;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

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

  /**
   * The SUM of integers is as wide as the warehouses make it (DuckDB's HUGEINT, read back as
   * BIGINT; Snowflake's NUMBER(38, 0)), not the summed column's INTEGER.
   */
  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
          argumentType.isNullable());
    }
    return super.deriveSumType(typeFactory, argumentType);
  }

  /** The AVG of exact numbers is DuckDB's DOUBLE, not the INTEGER average of integers. */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeUtil.isExactNumeric(argumentType)) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
          argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  /** A UNION of 'a' and 'abc' is VARCHAR, as in every warehouse, not a padded CHAR(3). */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
