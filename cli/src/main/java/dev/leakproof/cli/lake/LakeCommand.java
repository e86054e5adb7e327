package dev.leakproof.cli.lake;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeMaintenance;
import dev.leakproof.pipelines.lake.LakeSnapshots;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.LakeTableLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leakproof lake}: the lasting Iceberg lake's history, loads, time travel and maintenance. */
@Command(name = "lake", mixinStandardHelpOptions = true,
    description = "The lasting Iceberg lake under WORK/lake: its commits (history), the warehouse following it (load), "
        + "a table as it was at a snapshot or instant (read), and its upkeep (maintain).",
    subcommands = {LakeCommand.History.class, LakeCommand.Load.class, LakeCommand.Read.class,
        LakeCommand.Maintain.class})
public final class LakeCommand implements Runnable {

  @Option(names = "--work-dir", required = true, paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The work directory holding lake/ (and warehouse.duckdb).")
  Path workDir;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  Lake lake() throws UsageException {
    return WorkLake.open(workDir, "");
  }

  static LakeTable table(String name) throws UsageException {
    for (LakeTable t : LakeTable.values()) {
      if (t.tableName().equals(name)) {
        return t;
      }
    }
    throw new UsageException("Invalid --table: " + name + " (" + java.util.Arrays.stream(LakeTable.values())
        .map(LakeTable::tableName).collect(java.util.stream.Collectors.joining(", ")) + ")");
  }

  /** An instant: ISO-8601 with an offset, or a date (its start, UTC). */
  public static Instant instant(String option, String text) throws UsageException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new UsageException("Invalid " + option + ": '" + text + "' (2026-06-16T00:00:00Z or 2026-06-16)");
      }
    }
  }

  /** {@code lake history}. */
  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Every commit of each lake table, oldest first: when, the snapshot id, the operation, rows added "
          + "and in all, and the Flink job and checkpoint that committed it.")
  static final class History implements Callable<Integer> {
    @ParentCommand LakeCommand parent;

    @Option(names = "--table", paramLabel = "NAME", description = "One table (default: all four).")
    String table;

    @Override
    public Integer call() throws Exception {
      LakeSnapshots snapshots = new LakeSnapshots(parent.lake());
      for (LakeTable t : table == null ? List.of(LakeTable.values()) : List.of(table(table))) {
        List<LakeSnapshots.Entry> h = snapshots.history(t);
        System.out.printf(Locale.ROOT, "%s: %d snapshots%n", t.tableName(), h.size());
        for (LakeSnapshots.Entry e : h) {
          System.out.printf(Locale.ROOT, "  %s  %-20d %-9s +%,d rows (%,d in all)%s%n", e.committedAt(),
              e.snapshotId(), e.operation(), e.addedRecords(), e.totalRecords(),
              e.flinkJobId() == null ? "" : "  job " + e.flinkJobId() + " checkpoint " + e.checkpointId());
        }
      }
      return 0;
    }
  }

  /** {@code lake load}. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"Loads the lake's commits the warehouse does not have yet into WORK/warehouse.duckdb (or "
          + "--warehouse, or a profiles.yml target with -t): each table's append commits since its last load, "
          + "oldest first, each with its snapshot id and instant, in one transaction with the table's position; "
          + "history is not read again.",
          "--as-of loads only what the lake had committed by then (a scheduled run of a day: its end); models "
              + "built with --vars '{lake_as_of: ...}' see exactly that even after later loads.",
          "On a Snowflake target the data files are read in place through an external stage over the lake's "
              + "bucket (--stage, --stage-url, --storage-integration): nothing is copied out of the lake."})
  static final class Load implements Callable<Integer> {
    @ParentCommand LakeCommand parent;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "2026-06-16T00:00:00Z or 2026-06-16 (its start).")
    String asOf;

    @Option(names = "--warehouse", paramLabel = "FILE", description = "Default: WORK/warehouse.duckdb.")
    Path warehouse;

    @Option(names = "--memory-limit", defaultValue = "4GB", paramLabel = "SIZE",
        description = "DuckDB's memory limit (default: ${DEFAULT-VALUE}).")
    String memoryLimit;

    @Option(names = {"-t", "--target"}, paramLabel = "NAME",
        description = "Load into this output of the SQL project's profiles.yml instead (prod: Snowflake).")
    String target;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Where profiles.yml is (as for models).")
    Path profilesDir;

    @Option(names = "--stage", defaultValue = "RAW.LEAKPROOF_LAKE", paramLabel = "SCHEMA.NAME",
        description = "Snowflake: the external stage over the lake (default: ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--stage-url", paramLabel = "URL",
        description = "Snowflake: the lake's location the stage points at (default: the lake's object-store "
            + "warehouse).")
    String stageUrl;

    @Option(names = "--storage-integration", paramLabel = "NAME",
        description = "Snowflake: create the stage with this storage integration when it does not exist.")
    String storageIntegration;

    @Override
    public Integer call() throws Exception {
      Lake lake = parent.lake();
      Instant at = asOf == null ? null : instant("--as-of", asOf);
      if (target != null) {
        if (warehouse != null) {
          throw new UsageException("Invalid options: --warehouse and --target name two warehouses; give one");
        }
        try (TargetWarehouse w = TargetWarehouse.open(target, profilesDir, lake, stage, stageUrl,
            storageIntegration)) {
          print(new LakeWarehouseSync(lake, w.loader()).load(at));
        }
        return 0;
      }
      Path file = warehouse != null ? warehouse : parent.workDir.resolve("warehouse.duckdb");
      try (DuckDbWarehouse w = DuckDbWarehouse.open(new DuckDbWarehouse.Settings(file, memoryLimit,
          Math.max(1, Runtime.getRuntime().availableProcessors())))) {
        print(new LakeWarehouseSync(lake, w).load(at));
      }
      return 0;
    }

    private static void print(List<LakeWarehouseSync.TableLoad> loads) {
      for (LakeWarehouseSync.TableLoad l : loads) {
        System.out.printf(Locale.ROOT, "%-17s %s%,d rows from %d commits; at snapshot %s%n", l.table(),
            l.reloaded() ? "(from the start) " : "", l.rows(), l.commits(), l.snapshotId());
      }
    }
  }

  /** {@code lake read}. */
  @Command(name = "read", mixinStandardHelpOptions = true,
      description = "A lake table as it was at a snapshot or an instant (time travel), as CSV: to --out, else the "
          + "row count and the first --limit rows.")
  static final class Read implements Callable<Integer> {
    @ParentCommand LakeCommand parent;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "usage_events, seat_events, ...")
    String table;

    @Option(names = "--snapshot", paramLabel = "ID", description = "A snapshot id (lake history lists them).")
    Long snapshot;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "2026-06-16T00:00:00Z or 2026-06-16 (its start).")
    String asOf;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every row as CSV here.")
    Path out;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "Rows shown without --out.")
    int limit;

    @Override
    public Integer call() throws Exception {
      LakeTable t = table(table);
      Lake lake = parent.lake();
      LakeSnapshots snapshots = new LakeSnapshots(lake);
      if ((snapshot == null) == (asOf == null)) {
        throw new UsageException("Invalid options: give one of --snapshot and --as-of");
      }
      long id;
      if (snapshot != null) {
        id = snapshot;
      } else {
        Instant at = instant("--as-of", asOf);
        Optional<org.apache.iceberg.Snapshot> s = snapshots.snapshotAsOf(t, at);
        if (s.isEmpty()) {
          throw new UsageException("Invalid --as-of: " + table + " had no commit by " + at);
        }
        id = s.get().snapshotId();
      }
      List<String> files = lake.readablePaths(t, snapshots.filesAt(t, id));
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        String from = files.isEmpty() ? null : "read_parquet(" + list(files) + ", union_by_name = true)";
        if (from == null) {
          System.out.printf(Locale.ROOT, "%s at snapshot %d: 0 rows%n", table, id);
          return 0;
        }
        if (out != null) {
          st.execute("COPY (SELECT * FROM " + from + ") TO '" + out.toAbsolutePath().toString().replace("'", "''")
              + "' (HEADER, DELIMITER ',')");
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
          rs.next();
          System.out.printf(Locale.ROOT, "%s at snapshot %d: %,d rows%s%n", table, id, rs.getLong(1),
              out == null ? "" : "; written to " + out);
        }
        if (out == null && limit > 0) {
          try (ResultSet rs = st.executeQuery("SELECT * FROM " + from + " LIMIT " + limit)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              StringJoiner row = new StringJoiner(", ");
              for (int i = 1; i <= n; i++) {
                row.add(String.valueOf(rs.getObject(i)));
              }
              System.out.println("  " + row);
            }
          }
        }
      }
      return 0;
    }

    private static String list(List<String> files) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      files.forEach(f -> j.add("'" + f.replace("'", "''") + "'"));
      return j.toString();
    }
  }

  /** {@code lake maintain}. */
  @Command(name = "maintain", mixinStandardHelpOptions = true,
      description = {"Upkeep of the lake, safe while the stream job runs: expires snapshots older than "
          + "--expire-older-than (keeping --retain-last, the snapshot the ingestion job committed last and any the "
          + "warehouse has not loaded), compacts small files (--compact), and removes files no snapshot references "
          + "that are older than --orphans-older-than (what a killed job wrote and never committed)."})
  static final class Maintain implements Callable<Integer> {
    @ParentCommand LakeCommand parent;

    @Option(names = "--expire-older-than", defaultValue = "7d", paramLabel = "DURATION",
        description = "Default: ${DEFAULT-VALUE}.")
    String expireOlderThan;

    @Option(names = "--retain-last", defaultValue = "20", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int retainLast;

    @Option(names = "--compact", description = "Rewrite small data files into --target-file-size files.")
    boolean compact;

    @Option(names = "--target-file-size", defaultValue = "128", paramLabel = "MB", description = "Default: 128.")
    long targetMb;

    @Option(names = "--orphans-older-than", defaultValue = "3d", paramLabel = "DURATION",
        description = "Default: ${DEFAULT-VALUE}; at least the longest a checkpoint can take.")
    String orphansOlderThan;

    @Option(names = "--warehouse", paramLabel = "FILE",
        description = "The warehouse following the lake (default: WORK/warehouse.duckdb when it exists).")
    Path warehouse;

    @Override
    public Integer call() throws Exception {
      Lake lake = parent.lake();
      LakeMaintenance m = new LakeMaintenance(lake);
      Instant now = Instant.now();
      Instant expireBefore = now.minus(dev.leakproof.cli.stream.StreamingSettings.parseDuration("--expire-older-than",
          expireOlderThan));
      Instant orphansBefore = now.minus(dev.leakproof.cli.stream.StreamingSettings.parseDuration(
          "--orphans-older-than", orphansOlderThan));
      Path file = warehouse != null ? warehouse : parent.workDir.resolve("warehouse.duckdb");
      java.util.Map<String, Long> positions = new java.util.HashMap<>();
      if (Files.exists(file)) {
        try (DuckDbWarehouse w = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(file))) {
          LakeTableLoader loader = new LakeTableLoader(w);
          for (LakeTable t : LakeTable.values()) {
            loader.position(t.tableName(), t.warehouseColumns()).ifPresent(p -> positions.put(t.tableName(),
                p.snapshotId()));
          }
        }
      }
      for (LakeTable t : LakeTable.values()) {
        if (compact) {
          LakeMaintenance.Compacted c = m.compact(t, targetMb * 1024 * 1024);
          System.out.printf(Locale.ROOT, "%-17s compacted %d files into %d%n", t.tableName(), c.filesRewritten(),
              c.filesWritten());
        }
        LakeMaintenance.Expired e = m.expire(t, expireBefore, retainLast, positions.get(t.tableName()));
        LakeMaintenance.Orphans o = m.removeOrphans(t, orphansBefore);
        System.out.printf(Locale.ROOT, "%-17s %d snapshots, %d kept%s; %d orphan files removed%s%n", t.tableName(),
            e.before(), e.kept(), e.protectedSnapshotId() == null ? ""
                : " (from " + e.protectedSnapshotId() + ", still needed)",
            o.removed().size(), o.youngKept() == 0 ? "" : ", " + o.youngKept() + " younger ones kept");
      }
      return 0;
    }
  }
}
