package dev.leakproof.sql.compile;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * What SQL the validator accepts: Calcite's default, plus what DuckDB and Snowflake both allow and
 * dbt models use every day: GROUP BY and HAVING on select-list aliases and ordinals, QUALIFY, and
 * the {@code a % b} remainder.
 */
final class LeakproofConformance extends SqlDelegatingConformance {

  static final LeakproofConformance INSTANCE = new LeakproofConformance();

  private LeakproofConformance() {
    super(SqlConformanceEnum.DEFAULT);
  }

  @Override
  public boolean isGroupByAlias() {
    return true;
  }

  @Override
  public boolean isGroupByOrdinal() {
    return true;
  }

  @Override
  public boolean isHavingAlias() {
    return true;
  }

  @Override
  public boolean isPercentRemainderAllowed() {
    return true;
  }
}
