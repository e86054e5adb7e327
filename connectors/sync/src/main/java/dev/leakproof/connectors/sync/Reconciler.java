package dev.leakproof.connectors.sync;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.JobJournal;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteSpec;
import dev.leakproof.connectors.api.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles records left SENT: in a job the destination accepted whose outcome the sender never
 * learnt (the run was killed, or the connection dropped while it waited). The job's own results
 * say what happened, so nothing is sent a second time. A job the destination no longer knows
 * is sent again only when the sync's writes are keyed (idempotent).
 */
final class Reconciler {

  private final SyncSpec spec;
  private final Destination destination;
  private final SyncStore store;
  private final SyncRunner.Options options;

  Reconciler(SyncSpec spec, Destination destination, SyncStore store, SyncRunner.Options options) {
    this.spec = spec;
    this.destination = destination;
    this.store = store;
    this.options = options;
  }

  /**
   * Settles every SENT entry of the ledger (updated in place) and returns the results applied.
   *
   * @throws DestinationException when a job's outcome cannot be learnt; its records stay SENT
   */
  List<WriteResult> reconcile(Map<String, LedgerEntry> ledger) throws SQLException, DestinationException {
    Map<String, List<LedgerEntry>> byJob = new LinkedHashMap<>();
    for (LedgerEntry e : ledger.values()) {
      if (e.state() == LedgerEntry.State.SENT && e.jobId() != null) {
        byJob.computeIfAbsent(e.jobId(), j -> new ArrayList<>()).add(e);
      }
    }
    List<WriteResult> applied = new ArrayList<>();
    for (Map.Entry<String, List<LedgerEntry>> job : byJob.entrySet()) {
      String jobId = job.getKey();
      List<WriteResult> results;
      try {
        Map<String, String> pending = new LinkedHashMap<>();
        job.getValue().forEach(en -> {
          if (en.pendingState() != null) {
            pending.put(en.key(), en.pendingState());
          }
        });
        results = new SyncRunner.Attempts(options).call(() -> pending.isEmpty()
            ? destination.resume(writeSpec(), jobId) : destination.resume(writeSpec(), jobId, pending));
      } catch (DestinationException e) {
        if (e.kind() != ErrorKind.STATE_UNKNOWN || !spec.mode().idempotent()) {
          throw e;
        }
        results = job.getValue().stream().map(en -> WriteResult.unprocessed(en.key(), "job " + jobId
            + " is unknown to " + destination.name() + " (" + e.getMessage() + "); sent again by external id"))
            .toList();
      }
      Map<String, WriteResult> byKey = new LinkedHashMap<>();
      results.forEach(r -> byKey.put(r.key(), r));
      List<LedgerEntry> settled = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      for (LedgerEntry e : job.getValue()) {
        WriteResult r = byKey.get(e.key());
        if (r == null && e.destinationId() != null && byKey.containsKey(e.destinationId())) {
          // a delete job's results name records by their destination id
          r = byKey.get(e.destinationId()).withKey(e.key());
        }
        if (r == null) {
          r = WriteResult.unprocessed(e.key(), "job " + jobId + " returned no result for the record");
        }
        applied.add(r);
        if (r.accepted() && r.change() == WriteResult.Change.DELETED) {
          deleted.add(e.key());
          ledger.remove(e.key());
        } else {
          LedgerEntry after = settle(e, r);
          settled.add(after);
          ledger.put(e.key(), after);
        }
      }
      store.save(spec.name(), settled);
      store.remove(spec.name(), deleted);
      options.listener().reconciled(jobId, job.getValue().size());
    }
    return applied;
  }

  private WriteSpec writeSpec() {
    SyncRecord.Operation operation = switch (spec.mode()) {
      case UPSERT, MIRROR -> SyncRecord.Operation.UPSERT;
      case UPDATE -> SyncRecord.Operation.UPDATE;
      case INSERT -> SyncRecord.Operation.INSERT;
    };
    return new WriteSpec(spec.object(), operation, spec.externalIdField(), List.copyOf(spec.mappings().values()),
        JobJournal.NONE);
  }

  /** The ledger entry after a destination's result for it. */
  static LedgerEntry settle(LedgerEntry entry, WriteResult r) {
    if (r.accepted()) {
      return entry.confirmed(r.destinationId(), r.change() == WriteResult.Change.CREATED, r.state());
    }
    LedgerEntry.State state = r.status() == WriteResult.Status.UNPROCESSED
        ? LedgerEntry.State.UNPROCESSED : LedgerEntry.State.REJECTED;
    return entry.failed(state, r.errorKind().name(), r.code(), r.message());
  }
}
