package dev.leakproof.connectors.salesforce.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs closed ingest jobs on background threads, as Salesforce does after UploadComplete: parses the
 * CSV, resolves the header (an unknown column fails the job), then applies the rows one by one at
 * the configured throughput, honouring aborts and the lock-row and fail-job faults.
 */
final class JobProcessor implements AutoCloseable {

  static final String LOCK_ERROR = "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--";

  private final RecordStore store;
  private final Schema schema;
  private final Faults faults;
  private final int rowsPerSecond;
  private final ExecutorService pool;

  JobProcessor(RecordStore store, Schema schema, Faults faults, int rowsPerSecond) {
    this.store = store;
    this.schema = schema;
    this.faults = faults;
    this.rowsPerSecond = rowsPerSecond;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "sf-emulator-bulk-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  void submit(IngestJob job) {
    pool.execute(() -> run(job));
  }

  private void run(IngestJob job) {
    byte[] data = job.begin();
    if (data == null) {
      return;
    }
    long start = System.nanoTime();
    String failure;
    try {
      failure = process(job, data);
    } catch (RuntimeException e) {
      failure = "InternalServerError : " + e.getClass().getSimpleName();
    }
    job.finish(failure, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** Processes the job's rows; returns the job's error message if it fails as a whole, else null. */
  private String process(IngestJob job, byte[] data) {
    String injected = faults.takeJobFailure();
    List<List<String>> rows;
    try {
      rows = Csv.parse(new String(data, StandardCharsets.UTF_8), job.delimiter);
    } catch (Csv.MalformedCsv e) {
      return injected != null ? injected : "InvalidBatch : " + e.getMessage();
    }
    if (rows.isEmpty()) {
      return injected != null ? injected : "InvalidBatch : Empty batch";
    }
    List<String> header = rows.get(0);
    List<List<String>> records = rows.subList(1, rows.size());
    job.header(header);
    String failure = injected != null ? injected : checkShape(header, records);
    ColumnPlan plan = null;
    if (failure == null) {
      try {
        plan = ColumnPlan.resolve(schema, job.object, job.operation, job.externalIdField, header);
      } catch (ColumnPlan.InvalidHeader e) {
        failure = "InvalidBatch : " + e.getMessage();
      }
    }
    if (failure != null) {
      job.notProcessed(records);
      return failure;
    }
    Set<String> duplicates = plan.duplicateKeys(records);
    RowApplier applier = new RowApplier(store, schema, job.object, job.operation, job.externalIdField, plan, duplicates);
    long started = System.nanoTime();
    for (int i = 0; i < records.size(); i++) {
      if (job.isAborted() || !pace(started, i)) {
        job.notProcessed(records.subList(i, records.size()));
        return job.isAborted() ? null : "InternalServerError : emulator stopped";
      }
      List<String> row = records.get(i);
      if (faults.takeLockedRow()) {
        job.rowFailed(applier.recordIdFor(row), LOCK_ERROR, row);
        continue;
      }
      try {
        RowApplier.Outcome outcome = applier.apply(row);
        job.succeeded(outcome.id(), outcome.created(), row);
      } catch (RowError.Rejected e) {
        job.rowFailed(applier.recordIdFor(row), e.error().render(), row);
      }
    }
    return null;
  }

  private static String checkShape(List<String> header, List<List<String>> records) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).size() != header.size()) {
        return "InvalidBatch : Wrong number of columns in row " + (i + 2) + ": expected " + header.size() + ", found "
            + records.get(i).size();
      }
    }
    return null;
  }

  /** Waits until row {@code i} may start at the configured rows per second; false if interrupted. */
  private boolean pace(long startedNanos, int i) {
    if (rowsPerSecond <= 0) {
      return !Thread.currentThread().isInterrupted();
    }
    long due = startedNanos + (long) i * 1_000_000_000L / rowsPerSecond;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
