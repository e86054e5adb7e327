package dev.leakproof.connectors.sync;

import java.util.Map;
import java.util.Objects;

/**
 * What the ledger knows of one record of one sync: the state of its last send, what was sent
 * and what the destination confirmed, its id there, and the reason it was rejected.
 *
 * @param rowJson the fields last planned or sent, as JSON (see {@link #rowFields()})
 * @param confirmedJson the fields the destination last accepted, as JSON; {@code {}} before that
 * @param createdBySync true when this sync created the record (only those are mirrored away)
 * @param destinationState what the destination's writer remembered when the record was last
 *     confirmed (see {@code WriteResult.state}), or null
 * @param pendingState what the writer journaled it was about to send (SENT records), or null
 */
public record LedgerEntry(
    String key,
    State state,
    String rowHash,
    String rowJson,
    String confirmedHash,
    String confirmedJson,
    String runId,
    String jobId,
    String destinationId,
    boolean createdBySync,
    String errorKind,
    String errorCode,
    String errorMessage,
    int attempts,
    String destinationState,
    String pendingState) {

  /** Where a record stands with the destination. */
  public enum State {
    /** Planned and about to be sent; not yet accepted by the destination. */
    PENDING,
    /** In a job the destination accepted; its outcome is not known yet. */
    SENT,
    /** Accepted by the destination. */
    CONFIRMED,
    /** Refused by the destination for a reason of its own; kept with the reason, re-planned next run. */
    REJECTED,
    /** Not processed (its batch stopped); re-planned next run. */
    UNPROCESSED
  }

  public LedgerEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    rowJson = rowJson == null ? FieldsJson.EMPTY : rowJson;
    confirmedJson = confirmedJson == null ? FieldsJson.EMPTY : confirmedJson;
  }

  /** The field texts last planned or sent (parsed on each call: the planner reads few). */
  public Map<String, String> rowFields() {
    return FieldsJson.read(rowJson);
  }

  /** The field texts the destination last accepted; empty before that. */
  public Map<String, String> confirmedFields() {
    return FieldsJson.read(confirmedJson);
  }

  /** Planned again for this run with these fields; what was confirmed is kept. */
  LedgerEntry pending(SourceRow row, String run) {
    return new LedgerEntry(key, State.PENDING, row.hash(), FieldsJson.write(row.fields()), confirmedHash,
        confirmedJson, run, null, destinationId, createdBySync, null, null, null, attempts + 1, destinationState, null);
  }

  /** Planned for deletion in this run; the destination id is what is sent. */
  LedgerEntry pendingDelete(String run) {
    return new LedgerEntry(key, State.PENDING, null, FieldsJson.EMPTY, confirmedHash, confirmedJson, run, null,
        destinationId, createdBySync, null, null, null, attempts + 1, destinationState, null);
  }

  LedgerEntry sent(String job, String pending) {
    return new LedgerEntry(key, State.SENT, rowHash, rowJson, confirmedHash, confirmedJson, runId, job,
        destinationId, createdBySync, null, null, null, attempts, destinationState, pending);
  }

  LedgerEntry confirmed(String id, boolean created, String state) {
    return new LedgerEntry(key, State.CONFIRMED, rowHash, rowJson, rowHash, rowJson, runId, jobId,
        id != null ? id : destinationId, createdBySync || created, null, null, null, 0,
        state != null ? state : destinationState, null);
  }

  LedgerEntry failed(State outcome, String kind, String code, String message) {
    return new LedgerEntry(key, outcome, rowHash, rowJson, confirmedHash, confirmedJson, runId, jobId, destinationId,
        createdBySync, kind, code, message, attempts, destinationState, outcome == State.SENT ? pendingState : null);
  }

  static LedgerEntry fresh(String key) {
    return new LedgerEntry(key, State.UNPROCESSED, null, FieldsJson.EMPTY, null, FieldsJson.EMPTY, null, null, null,
        false, null, null, null, 0, null, null);
  }
}
