package dev.leakproof.connectors.sync.testutils;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory destination with asynchronous jobs, for the engine's own tests (the Salesforce
 * module tests the engine against its emulator): records by external id, every record each job
 * carried, and faults queued by the test.
 */
public class MemoryDestination implements Destination {

  /** The records the destination holds, by external id: id and fields. */
  public final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
  /** Every record received, in order, one entry per record per job. */
  public final List<String> received = new ArrayList<>();
  /** Batches (jobs) received, with their sizes. */
  public final List<Integer> jobs = new ArrayList<>();
  /** Faults thrown by the next calls to flush, in order. */
  public final Deque<DestinationException> faults = new ArrayDeque<>();
  /** Rows rejected with a code while the predicate holds. */
  public final Map<String, String> rejectKeys = new HashMap<>();
  /** A key whose presence makes a whole batch fail as ROW_INVALID (a bad row the API refuses whole). */
  public Predicate<String> poisonsBatch = k -> false;
  /** Rows that hit UNABLE_TO_LOCK_ROW for their first N sends. */
  public final Map<String, Integer> locked = new HashMap<>();
  /** After processing the next job, lose the connection (STATE_UNKNOWN) instead of answering. */
  public int dropAfterProcessing;
  /** After processing the next job, stop like a killed process (an Error). */
  public boolean dieAfterProcessing;
  /** Results kept per job, for resume. */
  private final Map<String, List<WriteResult>> jobResults = new LinkedHashMap<>();
  private int nextId = 1;
  private int nextJob = 1;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public DestinationWriter open(WriteSpec spec) {
    return new Writer(spec);
  }

  @Override
  public List<WriteResult> resume(WriteSpec spec, String jobId) throws DestinationException {
    List<WriteResult> results = jobResults.get(jobId);
    if (results == null) {
      throw new DestinationException(ErrorKind.STATE_UNKNOWN, "NOT_FOUND", "Job not found: " + jobId);
    }
    return results;
  }

  @Override
  public void close() {}

  /** A fault the next flush throws. */
  public static DestinationException fault(ErrorKind kind, String code, Duration retryAfter) {
    return new DestinationException(kind, code, code + " from the test", null, retryAfter);
  }

  private final class Writer implements DestinationWriter {
    private final WriteSpec spec;
    private final List<SyncRecord> buffer = new ArrayList<>();

    Writer(WriteSpec spec) {
      this.spec = spec;
    }

    @Override
    public List<WriteResult> write(SyncRecord record) {
      buffer.add(record);
      return List.of();
    }

    @Override
    public List<WriteResult> flush(EndOfInput endOfInput) throws DestinationException {
      if (buffer.isEmpty()) {
        return List.of();
      }
      DestinationException fault = faults.poll();
      if (fault != null && fault.kind() != ErrorKind.STATE_UNKNOWN) {
        throw fault;
      }
      if (buffer.stream().anyMatch(r -> poisonsBatch.test(r.key()))) {
        throw new DestinationException(ErrorKind.ROW_INVALID, "INVALID_BATCH", "batch of " + buffer.size()
            + " refused: a row is invalid");
      }
      String jobId = "job-" + nextJob++;
      spec.journal().submitted(jobId, buffer.stream().map(SyncRecord::key).toList());
      jobs.add(buffer.size());
      List<WriteResult> results = new ArrayList<>();
      for (SyncRecord r : buffer) {
        received.add(r.key());
        results.add(process(r));
      }
      buffer.clear();
      jobResults.put(jobId, results);
      if (dieAfterProcessing) {
        dieAfterProcessing = false;
        throw new KilledError();
      }
      if (dropAfterProcessing > 0) {
        dropAfterProcessing--;
        throw new DestinationException(ErrorKind.STATE_UNKNOWN, "TIMEOUT", "connection dropped while polling "
            + jobId);
      }
      return results;
    }

    private WriteResult process(SyncRecord r) {
      String code = rejectKeys.get(r.key());
      if (code != null) {
        return WriteResult.rejected(r.key(), ErrorKind.ROW_INVALID, code, code + ": rejected by the test");
      }
      Integer locks = locked.get(r.key());
      if (locks != null && locks > 0) {
        locked.put(r.key(), locks - 1);
        return WriteResult.rejected(r.key(), ErrorKind.RETRIABLE, "UNABLE_TO_LOCK_ROW", "unable to obtain lock");
      }
      if (r.operation() == SyncRecord.Operation.DELETE) {
        records.values().removeIf(v -> r.destinationId().equals(v.get("Id")));
        return WriteResult.accepted(r.key(), WriteResult.Change.DELETED, r.destinationId());
      }
      Map<String, Object> existing = records.get(r.key());
      if (r.operation() == SyncRecord.Operation.UPDATE && existing == null) {
        return WriteResult.rejected(r.key(), ErrorKind.ROW_INVALID, "NOT_FOUND", "no record " + r.key());
      }
      boolean created = existing == null;
      Map<String, Object> values = created ? new LinkedHashMap<>() : existing;
      if (created) {
        values.put("Id", "ID" + nextId++);
      }
      values.putAll(r.fields());
      records.put(r.key(), values);
      return WriteResult.accepted(r.key(), created ? WriteResult.Change.CREATED : WriteResult.Change.UPDATED,
          (String) values.get("Id"));
    }

    @Override
    public void close() {}
  }

  /** Stands for a process killed mid-run: nothing after it runs. */
  public static final class KilledError extends Error {
    private static final long serialVersionUID = 1L;
  }
}
