package dev.leakproof.connectors.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * in one transaction.
 */
public final class SyncStore {

  static final String SCHEMA = "leakproof_sync";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() { };
  private static final String LEDGER_COLUMNS = "sync_name VARCHAR, record_key VARCHAR, state VARCHAR, "
      + "row_hash VARCHAR, row_json VARCHAR, confirmed_hash VARCHAR, confirmed_json VARCHAR, run_id VARCHAR, "
      + "job_id VARCHAR, destination_id VARCHAR, created_by_sync BOOLEAN, error_kind VARCHAR, error_code VARCHAR, "
      + "error_message VARCHAR, attempts INTEGER, updated_at TIMESTAMP";

  private final Connection connection;

  public SyncStore(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".ledger (" + LEDGER_COLUMNS + ")");
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".plans (run_id VARCHAR, sync_name VARCHAR, "
          + "record_key VARCHAR, operation VARCHAR, changed_fields VARCHAR, planned_json VARCHAR)");
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
        + "error_message, attempts FROM " + SCHEMA + ".ledger WHERE sync_name = ?")) {
      ps.setString(1, sync);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.put(rs.getString(1), new LedgerEntry(rs.getString(1), LedgerEntry.State.valueOf(rs.getString(2)),
              rs.getString(3), fields(rs.getString(4)), rs.getString(5), fields(rs.getString(6)), rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getString(12),
              rs.getString(13), rs.getInt(14)));
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
        s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS ledger_stage (" + LEDGER_COLUMNS + ")");
        s.execute("DELETE FROM ledger_stage");
      }
      Timestamp now = Timestamp.from(Instant.now());
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ledger_stage VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (LedgerEntry e : entries) {
          ps.setString(1, sync);
          ps.setString(2, e.key());
          ps.setString(3, e.state().name());
          ps.setString(4, e.rowHash());
          ps.setString(5, json(e.rowFields()));
          ps.setString(6, e.confirmedHash());
          ps.setString(7, json(e.confirmedFields()));
          ps.setString(8, e.runId());
          ps.setString(9, e.jobId());
          ps.setString(10, e.destinationId());
          ps.setBoolean(11, e.createdBySync());
          ps.setString(12, e.errorKind());
          ps.setString(13, e.errorCode());
          ps.setString(14, e.errorMessage());
          ps.setInt(15, e.attempts());
          ps.setTimestamp(16, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (Statement s = connection.createStatement()) {
        s.execute("DELETE FROM " + SCHEMA + ".ledger WHERE sync_name = '" + sync.replace("'", "''")
            + "' AND record_key IN (SELECT record_key FROM ledger_stage)");
        s.execute("INSERT INTO " + SCHEMA + ".ledger SELECT * FROM ledger_stage");
      }
    });
  }

  /** Removes entries (records this sync deleted from the destination). */
  public void remove(String sync, Collection<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    transaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + SCHEMA
          + ".ledger WHERE sync_name = ? AND record_key = ?")) {
        for (String k : keys) {
          ps.setString(1, sync);
          ps.setString(2, k);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** Stores a run's plan, one row per record to create, update or delete. */
  public void savePlan(String run, String sync, List<Plan.Change> changes) throws SQLException {
    transaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + SCHEMA + ".plans VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Plan.Change c : changes) {
          ps.setString(1, run);
          ps.setString(2, sync);
          ps.setString(3, c.key());
          ps.setString(4, c.operation().name().toLowerCase(java.util.Locale.ROOT));
          ps.setString(5, String.join(",", c.changedFields()));
          ps.setString(6, json(c.fields()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
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

  private static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> fields(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, FIELDS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot read ledger fields: " + e.getMessage());
    }
  }
}
