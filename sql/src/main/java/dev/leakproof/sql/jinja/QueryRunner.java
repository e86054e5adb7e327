package dev.leakproof.sql.jinja;

/**
 * Runs a query for a template at compile time ({@code run_query}, {@code statement}); absent when
 * no warehouse is connected, and then {@code execute} is false.
 */
@FunctionalInterface
public interface QueryRunner {

  /** The query's result; throws {@link IllegalArgumentException} with the warehouse's message. */
  QueryResult run(String sql);
}
