package dev.leakproof.cli.renewals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What was already sent to people, in the warehouse ({@code leakproof_sync.notifications}), so a
 * re-run or a backfill of a day never emails or alerts twice: one row per kind and key.
 */
public final class Notifications {

  public static final String TABLE = "leakproof_sync.notifications";

  private final Connection db;

  public Notifications(Connection db) throws SQLException {
    this.db = db;
    try (Statement s = db.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS leakproof_sync");
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (kind VARCHAR NOT NULL, notification_key VARCHAR NOT NULL, "
          + "channel VARCHAR NOT NULL, recipient VARCHAR, sent_at TIMESTAMP NOT NULL, "
          + "PRIMARY KEY (kind, notification_key))");
    }
  }

  /** The keys of {@code kind} already sent. */
  public Set<String> sent(String kind) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (PreparedStatement s = db.prepareStatement("SELECT notification_key FROM " + TABLE + " WHERE kind = ?")) {
      s.setString(1, kind);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  /** One notification the channel accepted. */
  public record Sent(String key, String recipient, Instant at) {}

  /**
   * Records notifications the channel accepted, in one statement (DuckDB takes one multi-row
   * insert far faster than a row at a time).
   */
  public void recordAll(String kind, String channel, List<Sent> sent) throws SQLException {
    if (sent.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE + " VALUES ");
    for (int i = 0; i < sent.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
    }
    try (PreparedStatement s = db.prepareStatement(sql + " ON CONFLICT DO NOTHING")) {
      int p = 1;
      for (Sent n : sent) {
        s.setString(p++, kind);
        s.setString(p++, n.key());
        s.setString(p++, channel);
        s.setString(p++, n.recipient());
        s.setObject(p++, java.time.LocalDateTime.ofInstant(n.at(), java.time.ZoneOffset.UTC));
      }
      s.executeUpdate();
    }
  }

  /** Records one notification as sent (after the channel accepted it). */
  public void record(String kind, String key, String channel, String recipient, Instant at) throws SQLException {
    recordAll(kind, channel, List.of(new Sent(key, recipient, at)));
  }
}
