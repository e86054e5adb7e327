package dev.leakproof.sql.run;

/** Message fragments the compiler recognises in render errors. */
final class DbtFunctionsMessages {

  /** Starts the message of a statement a template ran that failed in the warehouse. */
  static final String RUN_QUERY_FAILED = "run_query failed";

  private DbtFunctionsMessages() {}
}
