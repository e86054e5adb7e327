package dev.leakproof.connectors.sync;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.JobJournal;
import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Runs one sync: reconciles the jobs an interrupted run left, plans, stores the plan, marks the
 * planned records pending (write-ahead), sends them in batches through the destination's writer,
 * and records each record's outcome in the ledger as soon as its batch is settled. A run killed
 * at any point and run again sends nothing twice (jobs are journaled before their data is
 * uploaded, and resumed) and loses nothing (what is not confirmed is planned again).
 */
public final class SyncRunner {

  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final SyncSpec spec;
  private final Connection warehouse;
  private final String relation;
  private final SyncStore store;
  private final Options options;

  /**
   * How a runner retries and reports.
   *
   * @param sleeper waits between attempts (the real clock, or a recorder in tests)
   */
  public record Options(RetryPolicy retry, RetryPolicy.Sleeper sleeper, RandomGenerator random, Clock clock,
      SyncListener listener) {

    public Options {
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(listener, "listener");
    }

    public static Options defaults(SyncListener listener) {
      return new Options(RetryPolicy.DEFAULT, RetryPolicy.Sleeper.REAL, RandomGenerator.getDefault(),
          Clock.systemUTC(), listener);
    }
  }

  /**
   * @param relation the model's relation in the warehouse ({@code main.crm_account_fields})
   */
  public SyncRunner(SyncSpec spec, Connection warehouse, String relation, Options options) throws SQLException {
    this.spec = spec;
    this.warehouse = warehouse;
    this.relation = relation;
    this.options = options;
    this.store = new SyncStore(warehouse);
  }

  /** The warehouse tables of the sync engine (ledger, plans, runs). */
  public SyncStore store() {
    return store;
  }

  /** Plans without sending: the plan is stored and returned, the run recorded as planned. */
  public Plan plan() throws SQLException {
    String runId = newRunId();
    Instant started = options.clock().instant();
    Plan plan;
    try {
      plan = Planner.plan(spec, SourceReader.read(warehouse, relation, spec), store.ledger(spec.name()));
    } catch (GuardrailException e) {
      store.saveRun(RunCounts.empty().record(runId, spec, started, options.clock().instant(), RunOutcome.REFUSED,
          e.getMessage()));
      throw e;
    }
    store.savePlan(runId, spec.name(), plan.changes());
    store.saveRun(RunCounts.of(plan).record(runId, spec, started, options.clock().instant(), RunOutcome.PLANNED, null));
    return plan;
  }

  /**
   * Reconciles, plans and sends to the destination.
   *
   * @throws GuardrailException when the plan breaks a guardrail; nothing is sent
   * @throws SyncFailedException when a permanent fault or an unknown job outcome stops the run
   */
  public RunRecord apply(Destination destination) throws SQLException, SyncFailedException {
    String runId = newRunId();
    Instant started = options.clock().instant();
    RunCounts counts = RunCounts.empty();
    String bound = store.binding(spec.name());
    if (bound != null && !bound.equals(destination.identity())) {
      GuardrailException e = new GuardrailException("Cannot apply " + spec.name() + ": its ledger holds what "
          + bound + " confirmed, and this run writes to " + destination.identity() + "; run `leakproof sync reset "
          + spec.name() + "` to send everything to the new destination; nothing was sent");
      store.saveRun(counts.record(runId, spec, started, options.clock().instant(), RunOutcome.REFUSED,
          e.getMessage()));
      throw e;
    }
    if (bound == null) {
      store.bind(spec.name(), destination.identity());
    }
    store.markInterrupted(spec.name());
    store.saveRun(counts.record(runId, spec, started, null, RunOutcome.RUNNING, null));
    Map<String, LedgerEntry> ledger = new LinkedHashMap<>(store.ledger(spec.name()));
    try {
      new Reconciler(spec, destination, store, options).reconcile(ledger);
    } catch (DestinationException e) {
      RunRecord run = counts.record(runId, spec, started, options.clock().instant(), RunOutcome.INCOMPLETE,
          "Cannot reconcile the jobs of an interrupted run: " + e.getMessage());
      store.saveRun(run);
      throw new SyncFailedException(run.message(), run, e);
    }
    Plan plan;
    List<SourceRow> rows;
    try {
      rows = SourceReader.read(warehouse, relation, spec);
      plan = Planner.plan(spec, rows, ledger);
    } catch (GuardrailException e) {
      store.saveRun(counts.record(runId, spec, started, options.clock().instant(), RunOutcome.REFUSED,
          e.getMessage()));
      throw e;
    }
    forgetNeverSent(ledger, rows);
    counts = RunCounts.of(plan);
    store.savePlan(runId, spec.name(), plan.changes());
    options.listener().planned(plan);
    Batch.Outcome outcome = new Batch(spec, destination, store, options, ledger, runId, counts,
        new Reconciler(spec, destination, store, options)).send(plan);
    RunOutcome result = outcome.failure() != null ? outcome.failure().kind() == ErrorKind.STATE_UNKNOWN
        ? RunOutcome.INCOMPLETE : RunOutcome.FAILED
        : counts.rejected + counts.unprocessed > 0 ? RunOutcome.PARTIAL : RunOutcome.SUCCEEDED;
    String message = outcome.failure() == null ? null
        : outcome.failure().code() + ": " + outcome.failure().getMessage();
    RunRecord run = counts.record(runId, spec, started, options.clock().instant(), result, message);
    store.saveRun(run);
    if (outcome.failure() != null) {
      throw new SyncFailedException("Sync " + spec.name() + " stopped: " + message, run, outcome.failure());
    }
    return run;
  }

  /**
   * Rows that left the model before the destination ever accepted them (rejected, unprocessed)
   * will never be sent again: their ledger entries go, so they do not stay listed as failing.
   */
  private void forgetNeverSent(Map<String, LedgerEntry> ledger, List<SourceRow> rows) throws SQLException {
    java.util.Set<String> keys = new java.util.HashSet<>();
    rows.forEach(r -> keys.add(r.key()));
    List<String> stale = ledger.values().stream().filter(e -> !keys.contains(e.key()) && e.confirmedHash() == null
        && e.destinationId() == null && e.state() != LedgerEntry.State.SENT).map(LedgerEntry::key).toList();
    store.remove(spec.name(), stale);
    stale.forEach(ledger::remove);
  }

  private String newRunId() {
    byte[] suffix = new byte[3];
    options.random().nextBytes(suffix);
    return RUN_ID.format(options.clock().instant()) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** A destination call with the retry policy: retriable faults are retried, others thrown. */
  static final class Attempts {
    private final Options options;

    Attempts(Options options) {
      this.options = options;
    }

    <T> T call(RetryPolicy.Call<T> call) throws DestinationException {
      return options.retry().call(call, options.sleeper(), options.random(), this::tell);
    }

    void wait(int attempt, DestinationException e) throws DestinationException {
      options.retry().pause(attempt, e, options.sleeper(), options.random(), this::tell);
    }

    private void tell(int next, Duration wait, DestinationException e) {
      options.listener().retrying(next, wait, e.code() + ": " + e.getMessage());
    }
  }

  /** What a run counted; mutable while the run goes. */
  static final class RunCounts {
    int creates;
    int updates;
    int deletes;
    int unchanged;
    int confirmed;
    int rejected;
    int unprocessed;

    static RunCounts empty() {
      return new RunCounts();
    }

    static RunCounts of(Plan plan) {
      RunCounts c = new RunCounts();
      c.creates = (int) plan.count(Plan.Kind.CREATE);
      c.updates = (int) plan.count(Plan.Kind.UPDATE);
      c.deletes = (int) plan.count(Plan.Kind.DELETE);
      c.unchanged = plan.unchanged();
      return c;
    }

    RunRecord record(String runId, SyncSpec spec, Instant started, Instant finished, RunOutcome outcome,
        String message) {
      return new RunRecord(runId, spec.name(), spec.mode().code(), started, finished, outcome.name(), creates,
          updates, deletes, unchanged, confirmed, rejected, unprocessed, message);
    }
  }
}
