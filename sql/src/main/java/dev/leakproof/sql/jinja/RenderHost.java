package dev.leakproof.sql.jinja;

import dev.leakproof.sql.warehouse.Warehouse;
import java.util.List;

/**
 * What a render may ask of the project being compiled and of the warehouse: where refs and
 * sources point, the columns of a relation (as the run will build it, else as the warehouse has
 * it), and a query runner when a warehouse is connected.
 */
public interface RenderHost {

  Relations relations();

  /** The relation's columns, in order; empty when it is not known. */
  List<Warehouse.ColumnInfo> columns(Relations.Relation relation);

  /** True when the relation exists in the warehouse (or is built earlier in this run). */
  boolean exists(Relations.Relation relation);

  /** Runs statements for {@code run_query} and {@code statement}; null without a warehouse. */
  QueryRunner queries();
}
