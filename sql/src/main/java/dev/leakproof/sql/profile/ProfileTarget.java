package dev.leakproof.sql.profile;

import dev.leakproof.sql.compile.Target;

/**
 * One output of a profiles.yml profile, validated: where models are built and how to connect.
 * Open it with {@link Warehouses#open}; {@code toString()} masks every secret.
 */
public sealed interface ProfileTarget permits DuckDbTarget, SnowflakeTarget {

  /** The profile the output belongs to ({@code profile:} in dbt_project.yml). */
  String profile();

  /** The output's name under {@code outputs:} ({@code dev}, {@code prod}). */
  String name();

  /** The warehouse kind, from {@code type:}. */
  Target target();

  /** The schema models are built in. */
  String schema();

  /** How many models dbt may build at once. */
  int threads();
}
