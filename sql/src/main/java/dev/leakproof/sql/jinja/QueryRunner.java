package dev.leakproof.sql.jinja;

/**
 * Runs a statement for a template at compile time ({@code run_query}, {@code statement},
 * {@code adapter.execute}); absent when no warehouse is connected, and then {@code execute} is
 * false.
 */
@FunctionalInterface
public interface QueryRunner {

  /** The statement's result (no rows for DDL); throws IllegalArgumentException with the warehouse's message. */
  QueryResult run(String sql);
}
