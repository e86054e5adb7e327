package dev.leakproof.connectors.sync;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a plan's records in batches and settles each in the ledger: accepted rows are confirmed,
 * rows the destination refuses are kept with their reason, rows that hit a passing fault are
 * retried with backoff, and a batch refused whole is halved until its bad rows are isolated.
 */
final class Batch {

  /** How sending ended: {@code failure} is the fault that stopped it, or null. */
  record Outcome(DestinationException failure) {}

  private final SyncSpec spec;
  private final Destination destination;
  private final SyncStore store;
  private final SyncRunner.Options options;
  private final Map<String, LedgerEntry> ledger;
  private final String runId;
  private final SyncRunner.RunCounts counts;
  private final Reconciler reconciler;
  private long done;
  private long total;

  Batch(SyncSpec spec, Destination destination, SyncStore store, SyncRunner.Options options,
      Map<String, LedgerEntry> ledger, String runId, SyncRunner.RunCounts counts, Reconciler reconciler) {
    this.reconciler = reconciler;
    this.spec = spec;
    this.destination = destination;
    this.store = store;
    this.options = options;
    this.ledger = ledger;
    this.runId = runId;
    this.counts = counts;
  }

  Outcome send(Plan plan) throws SQLException {
    total = plan.changes().size();
    List<LedgerEntry> pending = new ArrayList<>();
    for (Plan.Change c : plan.changes()) {
      LedgerEntry before = ledger.getOrDefault(c.key(), LedgerEntry.fresh(c.key()));
      LedgerEntry after = c.row() != null ? before.pending(c.row(), runId) : before.pendingDelete(runId);
      ledger.put(c.key(), after);
      pending.add(after);
    }
    store.save(spec.name(), pending);
    options.listener().progress(0, total);
    // creates, updates and deletes go in separate batches: each sends its own fields
    List<List<Plan.Change>> groups = List.of(
        plan.changes().stream().filter(c -> c.kind() == Plan.Kind.CREATE).toList(),
        plan.changes().stream().filter(c -> c.kind() == Plan.Kind.UPDATE).toList(),
        plan.changes().stream().filter(c -> c.kind() == Plan.Kind.DELETE).toList());
    for (List<Plan.Change> group : groups) {
      for (int from = 0; from < group.size(); from += spec.batchSize()) {
        List<Plan.Change> batch = group.subList(from, Math.min(group.size(), from + spec.batchSize()));
        DestinationException failure = sendBatch(batch, 1);
        if (failure != null) {
          List<Plan.Change> rest = new ArrayList<>();
          groups.forEach(rest::addAll);
          leaveUnsettled(rest, failure);
          return new Outcome(failure);
        }
      }
    }
    return new Outcome(null);
  }

  /**
   * Sends one batch until each row has an outcome. Returns the fault that must stop the run
   * (permanent, or a job whose outcome is unknown), or null.
   */
  private DestinationException sendBatch(List<Plan.Change> batch, int attempt) throws SQLException {
    Absorber absorber = new Absorber(batch, attempt);
    try {
      write(batch, absorber);
    } catch (DestinationException e) {
      switch (e.kind()) {
        case RETRIABLE -> {
          if (!options.retry().retryAfterAttempt(attempt)) {
            return e;
          }
          try {
            new SyncRunner.Attempts(options).wait(attempt, e);
          } catch (DestinationException interrupted) {
            return interrupted;
          }
          return sendBatch(unsettled(batch), attempt + 1);
        }
        case ROW_INVALID -> {
          List<Plan.Change> left = unsettled(batch);
          if (left.size() == 1) {
            settle(List.of(WriteResult.rejected(left.get(0).key(), ErrorKind.ROW_INVALID, e.code(), e.getMessage())));
            return null;
          }
          options.listener().splitting(left.size(), e.code() + ": " + e.getMessage());
          int half = left.size() / 2;
          DestinationException first = sendBatch(new ArrayList<>(left.subList(0, half)), attempt);
          return first != null ? first : sendBatch(new ArrayList<>(left.subList(half, left.size())), attempt);
        }
        case STATE_UNKNOWN -> {
          // Learn the outcome of the jobs this batch put in flight before sending anything again.
          try {
            List<WriteResult> learnt = reconciler.reconcile(ledger);
            count(learnt);
          } catch (DestinationException unknown) {
            return e;
          }
          List<Plan.Change> left = unsettled(batch);
          return left.isEmpty() ? null : sendBatch(left, attempt + 1);
        }
        default -> {
          return e;
        }
      }
    }
    absorber.absorb(absorber.missing());
    if (absorber.retry.isEmpty()) {
      return null;
    }
    DestinationException reason = new DestinationException(ErrorKind.RETRIABLE, "ROW_RETRY",
        absorber.retry.size() + " rows hit a passing fault");
    try {
      new SyncRunner.Attempts(options).wait(attempt, reason);
    } catch (DestinationException interrupted) {
      return interrupted;
    }
    return sendBatch(absorber.retry, attempt + 1);
  }

  /**
   * Takes a batch's results as the writer returns them (a writer that works while records still
   * arrive returns some from {@code write}): final ones are settled at once, while the writer
   * goes on; rows that hit a passing fault are kept to be sent again.
   */
  private final class Absorber {
    private final Map<String, Plan.Change> byKey = new LinkedHashMap<>();
    private final java.util.Set<String> reported = new java.util.HashSet<>();
    private final List<Plan.Change> retry = new ArrayList<>();
    private final int attempt;

    Absorber(List<Plan.Change> batch, int attempt) {
      batch.forEach(c -> byKey.put(c.key(), c));
      this.attempt = attempt;
    }

    void absorb(List<WriteResult> results) throws SQLException {
      if (results.isEmpty()) {
        return;
      }
      List<WriteResult> finals = new ArrayList<>();
      for (WriteResult r : results) {
        reported.add(r.key());
        boolean passing = !r.accepted() && r.errorKind() == ErrorKind.RETRIABLE;
        if (passing && options.retry().retryAfterAttempt(attempt) && byKey.containsKey(r.key())) {
          retry.add(byKey.get(r.key()));
        } else {
          finals.add(r);
        }
      }
      settle(finals);
    }

    /** The rows the writer never reported: unprocessed. */
    List<WriteResult> missing() {
      List<WriteResult> out = new ArrayList<>();
      for (String key : byKey.keySet()) {
        if (!reported.contains(key)) {
          out.add(WriteResult.unprocessed(key, "the destination returned no result for the record"));
        }
      }
      return out;
    }
  }

  /** Sends the rows through a fresh writer, handing the results it returns to {@code absorber} as they come. */
  private void write(List<Plan.Change> batch, Absorber absorber) throws DestinationException, SQLException {
    SyncRecord.Operation operation = batch.get(0).operation();
    List<String> fields = operation == SyncRecord.Operation.DELETE ? List.of()
        : batch.get(0).kind() == Plan.Kind.UPDATE ? spec.updateFields() : List.copyOf(spec.mappings().values());
    SqlJournal journal = new SqlJournal();
    WriteSpec writeSpec = new WriteSpec(spec.object(), operation,
        operation == SyncRecord.Operation.DELETE ? null : spec.externalIdField(), fields, journal);
    try (DestinationWriter writer = destination.open(writeSpec)) {
      for (Plan.Change c : batch) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f, c.fields().get(f)));
        LedgerEntry known = ledger.get(c.key());
        absorber.absorb(writer.write(new SyncRecord(c.key(), operation, c.destinationId(),
            known == null ? null : known.destinationState(), values)));
      }
      absorber.absorb(writer.flush(DestinationWriter.EndOfInput.END_OF_INPUT));
    } finally {
      if (journal.failure != null) {
        throw journal.failure;
      }
    }
  }

  /** The journal writers report jobs to: the records turn SENT, durably, before their data goes. */
  private final class SqlJournal implements dev.leakproof.connectors.api.JobJournal {
    private SQLException failure;

    @Override
    public void submitted(String jobId, List<String> keys) {
      Map<String, String> noState = new LinkedHashMap<>();
      keys.forEach(k -> noState.put(k, null));
      submitted(jobId, noState);
    }

    @Override
    public void submitted(String jobId, Map<String, String> pendingStates) {
      Map<String, String> sent = new LinkedHashMap<>();
      pendingStates.forEach((key, pending) -> {
        LedgerEntry e = ledger.get(key);
        if (e != null) {
          ledger.put(key, e.sent(jobId, pending));
          sent.put(key, pending);
        }
      });
      try {
        store.markSent(spec.name(), jobId, sent);
      } catch (SQLException e) {
        failure = e;
        throw new IllegalStateException("Cannot journal job " + jobId + ": " + e.getMessage(), e);
      }
    }
  }

  private List<Plan.Change> unsettled(List<Plan.Change> batch) {
    return batch.stream().filter(c -> {
      LedgerEntry e = ledger.get(c.key());
      return e != null && (e.state() == LedgerEntry.State.PENDING || e.state() == LedgerEntry.State.SENT);
    }).toList();
  }

  private void settle(List<WriteResult> results) throws SQLException {
    List<SyncStore.Confirmation> confirmed = new ArrayList<>();
    List<LedgerEntry> settled = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (WriteResult r : results) {
      LedgerEntry e = ledger.get(r.key());
      if (e == null || (e.state() != LedgerEntry.State.PENDING && e.state() != LedgerEntry.State.SENT)) {
        continue;
      }
      tally(r);
      if (r.accepted() && r.change() == WriteResult.Change.DELETED) {
        ledger.remove(r.key());
        deleted.add(r.key());
      } else {
        LedgerEntry after = Reconciler.settle(e, r);
        ledger.put(r.key(), after);
        if (r.accepted()) {
          confirmed.add(new SyncStore.Confirmation(r.key(), r.destinationId(),
              r.change() == WriteResult.Change.CREATED, r.state()));
        } else {
          settled.add(after);
        }
      }
    }
    store.markConfirmed(spec.name(), confirmed);
    store.save(spec.name(), settled);
    store.remove(spec.name(), deleted);
    options.listener().progress(done, total);
  }

  /** Counts results the reconciler applied. */
  private void count(List<WriteResult> learnt) {
    learnt.forEach(this::tally);
    options.listener().progress(done, total);
  }

  private void tally(WriteResult r) {
    done++;
    if (r.accepted()) {
      counts.confirmed++;
    } else if (r.status() == WriteResult.Status.UNPROCESSED) {
      counts.unprocessed++;
    } else {
      counts.rejected++;
    }
  }

  /**
   * After a stopping fault: rows never sent turn unprocessed with its reason; rows in a job whose
   * outcome is unknown stay SENT, for the next run to reconcile.
   */
  private void leaveUnsettled(List<Plan.Change> rest, DestinationException failure) throws SQLException {
    List<WriteResult> results = new ArrayList<>();
    List<LedgerEntry> inFlight = new ArrayList<>();
    for (Plan.Change c : rest) {
      LedgerEntry e = ledger.get(c.key());
      if (e != null && e.state() == LedgerEntry.State.PENDING) {
        results.add(WriteResult.unprocessed(c.key(), "not sent: " + failure.code() + ": " + failure.getMessage()));
      } else if (e != null && e.state() == LedgerEntry.State.SENT) {
        LedgerEntry noted = e.failed(LedgerEntry.State.SENT, failure.kind().name(), failure.code(),
            "job " + e.jobId() + " left unfinished by " + failure.getMessage() + "; the next run settles it");
        ledger.put(c.key(), noted);
        inFlight.add(noted);
      }
    }
    settle(results);
    store.save(spec.name(), inFlight);
  }
}
