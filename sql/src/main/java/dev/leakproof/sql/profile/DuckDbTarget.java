package dev.leakproof.sql.profile;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code type: duckdb} output: a database file (relative to the project folder) or
 * {@code :memory:}, with the schema, threads and memory limit to use.
 */
public record DuckDbTarget(String profile, String name, String path, String schema, int threads,
    String memoryLimit) implements ProfileTarget {

  /** The path that asks for a database that lives only as long as the connection. */
  public static final String IN_MEMORY = ":memory:";
  public static final String DEFAULT_SCHEMA = "main";
  public static final int DEFAULT_THREADS = 1;
  public static final String DEFAULT_MEMORY_LIMIT = "4GB";

  public DuckDbTarget {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(name, "name");
    if (path == null || path.isBlank()) {
      throw ProfileException.missing("path", name);
    }
    if (schema == null || !schema.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      throw ProfileException.invalid("schema", schema, name, "letters, digits and '_' only");
    }
    if (threads < 1) {
      throw ProfileException.invalid("threads", threads, name, "must be at least 1");
    }
    if (memoryLimit == null || !memoryLimit.matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|KiB|MiB|GiB)")) {
      throw ProfileException.invalid("memory_limit", memoryLimit, name, "e.g. 4GB");
    }
  }

  @Override
  public Target target() {
    return Target.DUCKDB;
  }

  /** True for {@code path: ':memory:'}. */
  public boolean inMemory() {
    return IN_MEMORY.equals(path);
  }

  /** The database file: {@code path} resolved against the project folder ({@code ~/} is home). */
  public Path file(Path projectDir) {
    if (inMemory()) {
      throw new IllegalStateException("Cannot resolve a file for target " + name + ": path is " + IN_MEMORY);
    }
    return Profiles.resolve(path, projectDir);
  }

  /** The embedded warehouse's settings for this output's file. */
  public DuckDbWarehouse.Settings settings(Path projectDir) {
    return settingsFor(file(projectDir));
  }

  /** This output's limits for another file (the stand-in for {@code :memory:}). */
  DuckDbWarehouse.Settings settingsFor(Path file) {
    return new DuckDbWarehouse.Settings(file, memoryLimit, threads);
  }
}
