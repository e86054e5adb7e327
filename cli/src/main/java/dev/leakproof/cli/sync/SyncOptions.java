package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.connectors.sync.SyncSpecLoader;
import dev.leakproof.sql.profile.ProfileLocator;
import dev.leakproof.sql.profile.ProfileTarget;
import dev.leakproof.sql.profile.Profiles;
import dev.leakproof.sql.profile.Warehouses;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the syncs, the warehouse and the destinations' settings are: shared by the sync commands. */
public final class SyncOptions {

  @Option(names = "--syncs", paramLabel = "DIR",
      description = "The sync files (default: ./syncs when it exists, else Leakproof's own, copied to .leakproof/syncs).")
  Path syncs;

  @Option(names = "--warehouse", paramLabel = "FILE",
      description = "A DuckDB warehouse file to read the models from (the audit's OUT/.leakproof/warehouse.duckdb); "
          + "default: the profile's target.")
  Path warehouse;

  @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Where profiles.yml is (as for models).")
  Path profilesDir;

  @Option(names = {"-t", "--target"}, paramLabel = "NAME", description = "The profile's output to use.")
  String target;

  Path syncsDir() throws java.io.IOException, UsageException {
    if (syncs != null) {
      if (!Files.isDirectory(syncs)) {
        throw new UsageException("Invalid --syncs: " + syncs + " is not a folder");
      }
      return syncs;
    }
    Path local = Path.of("syncs");
    if (Files.isDirectory(local)) {
      return local;
    }
    return BundledProject.extractFolder("leakproof-syncs", "salesforce_accounts.yml", Path.of(".leakproof", "syncs"));
  }

  /** Leakproof's own sync files, copied out of the jar. */
  public static Map<String, SyncSpec> bundled() throws java.io.IOException {
    return SyncSpecLoader.loadAll(bundledDir());
  }

  /** The folder Leakproof's own sync files are copied to. */
  public static Path bundledDir() throws java.io.IOException {
    return BundledProject.extractFolder("leakproof-syncs", "salesforce_accounts.yml", Path.of(".leakproof", "syncs"));
  }

  Map<String, SyncSpec> specs() throws java.io.IOException, UsageException {
    return SyncSpecLoader.loadAll(syncsDir());
  }

  SyncSpec spec(String name) throws java.io.IOException, UsageException {
    Map<String, SyncSpec> all = specs();
    SyncSpec spec = all.get(name);
    if (spec == null) {
      throw new UsageException("Invalid sync: " + name + " (" + String.join(", ", all.keySet()) + ")");
    }
    return spec;
  }

  Destinations destinations() throws java.io.IOException, UsageException {
    return new Destinations(syncsDir(), System.getenv());
  }

  /** The warehouse the models were built in, and the schema they are in. */
  Warehouse openWarehouse() throws Exception {
    if (warehouse != null) {
      if (!Files.isRegularFile(warehouse)) {
        throw new UsageException("Invalid --warehouse: " + warehouse + " does not exist (run the audit first)");
      }
      return DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse));
    }
    Path project = BundledProject.extract(Path.of(".leakproof", "sql-project"));
    Path profiles = ProfileLocator.find(profilesDir, project);
    ProfileTarget profile = Profiles.load(profiles, ProjectLoader.load(project).config().profile(), target,
        System::getenv);
    return Warehouses.open(profile, project);
  }
}
