package dev.leakproof.cli.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.profile.ProfileException;
import dev.leakproof.sql.profile.ProfileLocator;
import dev.leakproof.sql.profile.ProfileTarget;
import dev.leakproof.sql.profile.Profiles;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.Warehouse;
import dev.leakproof.sql.profile.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every {@code leakproof models} command shares, as dbt names them. */
public final class ProjectOptions {

  @Option(names = "--project", paramLabel = "DIR",
      description = "The dbt project folder (default: Leakproof's own project, unpacked to ./.leakproof/sql-project).")
  Path project;

  @Option(names = "--profiles-dir", paramLabel = "DIR",
      description = "Where profiles.yml is (default: $DBT_PROFILES_DIR, the project folder, then ~/.dbt/).")
  Path profilesDir;

  @Option(names = {"-t", "--target"}, paramLabel = "NAME", description = "The profile's output to use.")
  String target;

  @Option(names = {"-s", "--select"}, paramLabel = "SPEC", description = "dbt node selection (names, +graph, tag:, path:).")
  String select;

  @Option(names = "--exclude", paramLabel = "SPEC", description = "Nodes to leave out.")
  String exclude;

  @Option(names = "--vars", paramLabel = "YAML", description = "Variables, as YAML: '{as_of: 2026-06-15}'.")
  String vars;

  @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch.")
  boolean fullRefresh;

  @Option(names = "--target-path", paramLabel = "DIR", description = "Artifacts folder (default: PROJECT/target).")
  Path targetPath;

  @Option(names = "--threads", paramLabel = "N", description = "Nodes run at once, each on its own warehouse session "
      + "(default: the profile's threads).")
  Integer threads;

  @Option(names = "--state", paramLabel = "DIR", description = "An earlier run's target/ folder, for state:modified.")
  Path state;

  /** A loaded project with its profile target, and the warehouse when the command needs one. */
  public record Session(DbtProject project, Path dir, ProfileTarget target, Warehouse warehouse, DbtEngine engine)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (warehouse != null) {
        warehouse.close();
      }
    }
  }

  /** Whether a command opens the warehouse. */
  public enum Connection { NEEDED, NOT_NEEDED }

  /** The command being run, as {@code flags.WHICH} shows it. */
  String which = "run";

  Session open(Connection connection) throws Exception {
    Path dir = project != null ? project : BundledProject.extract(Path.of(".leakproof", "sql-project"));
    if (!Files.isRegularFile(dir.resolve("dbt_project.yml"))) {
      throw new UsageException("Invalid --project: " + dir + " has no dbt_project.yml");
    }
    DbtProject loaded = ProjectLoader.load(dir);
    Path profiles = ProfileLocator.find(profilesDir, dir);
    ProfileTarget profile = loadProfile(profiles, loaded, connection);
    Warehouse warehouse = connection == Connection.NEEDED ? Warehouses.open(profile, dir) : null;
    if (threads != null && threads < 1) {
      throw new UsageException("Invalid --threads: " + threads + " (at least 1)");
    }
    ProjectCompiler.Options options = new ProjectCompiler.Options(profile.target(), profile.name(), profile.schema(),
        parseVars(), fullRefresh, threads == null ? profile.threads() : threads, which);
    DbtEngine engine = new DbtEngine(loaded, warehouse, options, targetPath != null ? targetPath : dir.resolve("target"));
    return new Session(loaded, dir, profile, warehouse, engine);
  }

  /**
   * Loads the target; a command that never connects (compile, ls) stands in for environment
   * variables that are not set, since secrets are not needed to print SQL.
   */
  private ProfileTarget loadProfile(Path profiles, DbtProject loaded, Connection connection) {
    java.util.Set<String> standIns = new java.util.HashSet<>();
    while (true) {
      try {
        return Profiles.load(profiles, loaded.config().profile(), target,
            name -> standIns.contains(name) ? "unset-" + name.toLowerCase(java.util.Locale.ROOT) : System.getenv(name));
      } catch (ProfileException e) {
        java.util.regex.Matcher missing = MISSING_ENV.matcher(e.getMessage());
        if (connection == Connection.NEEDED || !missing.find() || !standIns.add(missing.group(1))) {
          throw e;
        }
      }
    }
  }

  private static final java.util.regex.Pattern MISSING_ENV =
      java.util.regex.Pattern.compile("Env var required but not provided: '([^']+)'");

  Map<String, Object> parseVars() throws UsageException {
    if (vars == null || vars.isBlank()) {
      return Map.of();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper(new YAMLFactory()).readValue(vars, LinkedHashMap.class);
      Map<String, Object> out = new LinkedHashMap<>();
      parsed.forEach((k, v) -> out.put(k, v == null ? null : v instanceof java.util.Date d
          ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString() : v));
      return out;
    } catch (Exception e) {
      throw new UsageException("Invalid --vars: '" + vars + "' is not a YAML mapping");
    }
  }
}
