package dev.leakproof.connectors.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync engine's tables in the warehouse, schema {@code leakproof_sync}: the ledger (one row
 * per sync and record), the plans, and the run history. Plain JDBC and portable SQL: DuckDB and
 * Snowflake run the same statements. Writes go through a staging table, a delete and an insert,
 * in one transaction (one process writes a warehouse's ledger at a time: DuckDB allows one writer,
 * and on Snowflake the staging table is emptied inside the transaction).
 */
public final class SyncStore {

  static final String SCHEMA = "leakproof_sync";
  /**
   * Where ledger rows are staged inside a save's transaction: a table of the schema on DuckDB (its
   * appender needs one; a DuckDB file has one writer), a session's temporary table elsewhere.
   */
  private final String stage;
  private final String createStage;
  private static final String LEDGER_COLUMNS = "sync_name VARCHAR, record_key VARCHAR, state VARCHAR, "
      + "row_hash VARCHAR, row_json VARCHAR, confirmed_hash VARCHAR, confirmed_json VARCHAR, run_id VARCHAR, "
      + "job_id VARCHAR, destination_id VARCHAR, created_by_sync BOOLEAN, error_kind VARCHAR, error_code VARCHAR, "
      + "error_message VARCHAR, attempts INTEGER, updated_at TIMESTAMP, destination_state VARCHAR, "
      + "pending_state VARCHAR";
  private static final String COLUMN_NAMES = java.util.Arrays.stream(LEDGER_COLUMNS.split(", "))
      .map(c -> c.split(" ")[0]).collect(java.util.stream.Collectors.joining(", "));
  /** The columns added since the ledger's first version, added to older ledgers on open. */
  private static final String[] ADDED_COLUMNS = {"destination_state VARCHAR", "pending_state VARCHAR"};

  private final Connection connection;

  public SyncStore(Connection connection) throws SQLException {
    this.connection = connection;
    boolean duckDb = connection.isWrapperFor(org.duckdb.DuckDBConnection.class);
    this.stage = duckDb ? SCHEMA + ".ledger_stage" : "ledger_stage";
    this.createStage = (duckDb ? "CREATE TABLE IF NOT EXISTS " : "CREATE TEMPORARY TABLE IF NOT EXISTS ") + stage
        + " (" + LEDGER_COLUMNS + ")";
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".ledger (" + LEDGER_COLUMNS + ")");
      for (String column : ADDED_COLUMNS) {
        s.execute("ALTER TABLE " + SCHEMA + ".ledger ADD COLUMN IF NOT EXISTS " + column);
      }
      if (duckDb) {
        // staging tables of an older ledger version have fewer columns
        s.execute("DROP TABLE IF EXISTS " + stage);
        s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".key_stage");
      }
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".plans (run_id VARCHAR, sync_name VARCHAR, "
          + "record_key VARCHAR, change VARCHAR, operation VARCHAR, changed_fields VARCHAR, planned_json VARCHAR)");
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".runs (run_id VARCHAR, sync_name VARCHAR, mode VARCHAR, "
          + "started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, creates INTEGER, updates INTEGER, "
          + "deletes INTEGER, unchanged INTEGER, confirmed INTEGER, rejected INTEGER, unprocessed INTEGER, "
          + "message VARCHAR)");
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".bindings (sync_name VARCHAR, destination VARCHAR, "
          + "bound_at TIMESTAMP)");
    }
  }

  /** The destination instance the sync's ledger is for, or null before its first apply. */
  public String binding(String sync) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT destination FROM " + SCHEMA
        + ".bindings WHERE sync_name = ?")) {
      ps.setString(1, sync);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void bind(String sync, String destination) throws SQLException {
    transaction(() -> {
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM " + SCHEMA + ".bindings WHERE sync_name = ?");
          PreparedStatement i = connection.prepareStatement("INSERT INTO " + SCHEMA + ".bindings VALUES (?, ?, ?)")) {
        d.setString(1, sync);
        d.executeUpdate();
        i.setString(1, sync);
        i.setString(2, destination);
        i.setTimestamp(3, Timestamp.from(Instant.now()));
        i.executeUpdate();
      }
    });
  }

  /**
   * Forgets what the destination confirmed for the sync (its ledger and binding), so the next
   * apply sends every row; the run history stays.
   *
   * @return the ledger entries removed
   */
  public int reset(String sync) throws SQLException {
    int[] removed = new int[1];
    transaction(() -> {
      try (PreparedStatement l = connection.prepareStatement("DELETE FROM " + SCHEMA + ".ledger WHERE sync_name = ?");
          PreparedStatement b = connection.prepareStatement("DELETE FROM " + SCHEMA + ".bindings WHERE sync_name = ?")) {
        l.setString(1, sync);
        removed[0] = l.executeUpdate();
        b.setString(1, sync);
        b.executeUpdate();
      }
    });
    return removed[0];
  }

  /** The sync's ledger, by record key. */
  public Map<String, LedgerEntry> ledger(String sync) throws SQLException {
    Map<String, LedgerEntry> entries = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT record_key, state, row_hash, row_json, "
        + "confirmed_hash, confirmed_json, run_id, job_id, destination_id, created_by_sync, error_kind, error_code, "
        + "error_message, attempts, destination_state, pending_state FROM " + SCHEMA + ".ledger WHERE sync_name = ?")) {
      ps.setString(1, sync);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.put(rs.getString(1), new LedgerEntry(rs.getString(1), LedgerEntry.State.valueOf(rs.getString(2)),
              rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getString(12),
              rs.getString(13), rs.getInt(14), rs.getString(15), rs.getString(16)));
        }
      }
    }
    return entries;
  }

  /** Writes these entries of the sync, replacing their previous versions, durably. */
  public void save(String sync, Collection<LedgerEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    transaction(() -> {
      try (Statement s = connection.createStatement()) {
        s.execute(createStage);
        s.execute("DELETE FROM " + stage);
      }
      Timestamp now = Timestamp.from(Instant.now());
      List<Object[]> rows = new ArrayList<>(entries.size());
      for (LedgerEntry e : entries) {
        rows.add(new Object[] {sync, e.key(), e.state().name(), e.rowHash(), e.rowJson(), e.confirmedHash(),
            e.confirmedJson(), e.runId(), e.jobId(), e.destinationId(), e.createdBySync(), e.errorKind(),
            e.errorCode(), e.errorMessage(), e.attempts(), now, e.destinationState(), e.pendingState()});
      }
      RowInserter.insert(connection, stage, 18, rows);
      try (Statement s = connection.createStatement()) {
        s.execute("DELETE FROM " + SCHEMA + ".ledger WHERE sync_name = '" + sync.replace("'", "''")
            + "' AND record_key IN (SELECT record_key FROM " + stage + ")");
        s.execute("INSERT INTO " + SCHEMA + ".ledger (" + COLUMN_NAMES + ") SELECT " + COLUMN_NAMES + " FROM " + stage);
        s.execute("DELETE FROM " + stage);
      }
    });
  }

  /**
   * A record the destination accepted: its id there, whether it created it, and the writer's
   * state to remember (null keeps the previous one).
   */
  public record Confirmation(String key, String destinationId, boolean created, String state) {}

  /**
   * Marks entries SENT in job {@code jobId}: only keys travel, what was planned stays (the
   * journal's write, made before a job's data is uploaded).
   */
  public void markSent(String sync, String jobId, Map<String, String> pendingStates) throws SQLException {
    if (pendingStates.isEmpty()) {
      return;
    }
    transaction(() -> {
      stageKeys(pendingStates.entrySet().stream().map(e -> new Object[] {e.getKey(), null, Boolean.FALSE,
          e.getValue()}).toList());
      try (PreparedStatement ps = connection.prepareStatement("UPDATE " + SCHEMA + ".ledger SET state = 'SENT', "
          + "job_id = ?, error_kind = NULL, error_code = NULL, error_message = NULL, updated_at = ?, "
          + "pending_state = s.state FROM " + SCHEMA + ".key_stage AS s WHERE " + SCHEMA + ".ledger.sync_name = ? "
          + "AND " + SCHEMA + ".ledger.record_key = s.record_key")) {
        ps.setString(1, jobId);
        ps.setTimestamp(2, Timestamp.from(Instant.now()));
        ps.setString(3, sync);
        ps.executeUpdate();
      }
    });
  }

  /** Marks entries CONFIRMED: what was sent becomes what the destination holds. */
  public void markConfirmed(String sync, Collection<Confirmation> confirmations) throws SQLException {
    if (confirmations.isEmpty()) {
      return;
    }
    transaction(() -> {
      stageKeys(confirmations.stream().map(c -> new Object[] {c.key(), c.destinationId(), c.created(), c.state()})
          .toList());
      try (PreparedStatement ps = connection.prepareStatement("UPDATE " + SCHEMA + ".ledger SET state = 'CONFIRMED', "
          + "confirmed_hash = row_hash, confirmed_json = row_json, "
          + "destination_id = coalesce(s.destination_id, " + SCHEMA + ".ledger.destination_id), "
          + "created_by_sync = " + SCHEMA + ".ledger.created_by_sync OR s.created, error_kind = NULL, "
          + "error_code = NULL, error_message = NULL, attempts = 0, updated_at = ?, "
          + "destination_state = coalesce(s.state, " + SCHEMA + ".ledger.destination_state), pending_state = NULL "
          + "FROM " + SCHEMA + ".key_stage AS s WHERE " + SCHEMA + ".ledger.sync_name = ? "
          + "AND " + SCHEMA + ".ledger.record_key = s.record_key")) {
        ps.setTimestamp(1, Timestamp.from(Instant.now()));
        ps.setString(2, sync);
        ps.executeUpdate();
      }
    });
  }

  private void stageKeys(List<Object[]> rows) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".key_stage (record_key VARCHAR, destination_id VARCHAR, "
          + "created BOOLEAN, state VARCHAR)");
      s.execute("DELETE FROM " + SCHEMA + ".key_stage");
    }
    RowInserter.insert(connection, SCHEMA + ".key_stage", 4, rows);
  }

  /** Removes entries (records this sync deleted from the destination). */
  public void remove(String sync, Collection<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    transaction(() -> {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".removed_stage (record_key VARCHAR)");
        s.execute("DELETE FROM " + SCHEMA + ".removed_stage");
      }
      RowInserter.insert(connection, SCHEMA + ".removed_stage", 1, keys.stream().map(k -> new Object[] {k}).toList());
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + SCHEMA + ".ledger WHERE sync_name = ? "
          + "AND record_key IN (SELECT record_key FROM " + SCHEMA + ".removed_stage)")) {
        ps.setString(1, sync);
        ps.executeUpdate();
      }
    });
  }

  /**
   * Stores a run's plan, one row per record to create, update or delete, with the changed fields;
   * an update's planned values too (a create's are the ledger's pending row).
   */
  public void savePlan(String run, String sync, List<Plan.Change> changes) throws SQLException {
    transaction(() -> RowInserter.insert(connection, SCHEMA + ".plans", 7, changes.stream()
        .map(c -> new Object[] {run, sync, c.key(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
            c.operation().name().toLowerCase(java.util.Locale.ROOT), String.join(",", c.changedFields()),
            c.kind() == Plan.Kind.CREATE ? null : FieldsJson.write(c.fields())})
        .toList()));
  }

  public void saveRun(RunRecord run) throws SQLException {
    transaction(() -> {
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM " + SCHEMA + ".runs WHERE run_id = ?")) {
        d.setString(1, run.runId());
        d.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + SCHEMA
          + ".runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, run.runId());
        ps.setString(2, run.sync());
        ps.setString(3, run.mode());
        ps.setTimestamp(4, Timestamp.from(run.startedAt()));
        ps.setTimestamp(5, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
        ps.setString(6, run.status());
        ps.setInt(7, run.creates());
        ps.setInt(8, run.updates());
        ps.setInt(9, run.deletes());
        ps.setInt(10, run.unchanged());
        ps.setInt(11, run.confirmed());
        ps.setInt(12, run.rejected());
        ps.setInt(13, run.unprocessed());
        ps.setString(14, run.message());
        ps.executeUpdate();
      }
    });
  }

  /** Runs of the sync still marked running were killed: they are marked interrupted. */
  public void markInterrupted(String sync) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE " + SCHEMA + ".runs SET status = 'INTERRUPTED' "
        + "WHERE sync_name = ? AND status = 'RUNNING'")) {
      ps.setString(1, sync);
      ps.executeUpdate();
    }
  }

  /** The last runs of a sync (or of all syncs for null), newest first. */
  public List<RunRecord> runs(String sync, int limit) throws SQLException {
    List<RunRecord> runs = new ArrayList<>();
    String where = sync == null ? "" : " WHERE sync_name = ?";
    try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + SCHEMA + ".runs" + where
        + " ORDER BY started_at DESC LIMIT " + limit)) {
      if (sync != null) {
        ps.setString(1, sync);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
              rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7),
              rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getString(14)));
        }
      }
    }
    return runs;
  }

  /** Counts of ledger states per sync. */
  public Map<String, Map<String, Long>> stateCounts() throws SQLException {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT sync_name, state, "
        + "count(*) FROM " + SCHEMA + ".ledger GROUP BY sync_name, state ORDER BY sync_name, state")) {
      while (rs.next()) {
        counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
      }
    }
    return counts;
  }

  @FunctionalInterface
  private interface Work {
    void run() throws SQLException;
  }

  private void transaction(Work work) throws SQLException {
    boolean auto = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(auto);
    }
  }
}
