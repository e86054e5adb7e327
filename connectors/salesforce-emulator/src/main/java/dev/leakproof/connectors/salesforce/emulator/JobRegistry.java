package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The org's ingest jobs by id, oldest first; keeps at most {@value #MAX_JOBS}, evicting the oldest finished ones. */
final class JobRegistry {

  static final int MAX_JOBS = 1000;

  private final Map<String, IngestJob> jobs = new LinkedHashMap<>();
  private final SalesforceIds ids;

  JobRegistry(SalesforceIds ids) {
    this.ids = ids;
  }

  /** Registers the job {@code factory} builds for a fresh {@code 750...} id. */
  synchronized IngestJob create(Function<String, IngestJob> factory) {
    if (jobs.size() >= MAX_JOBS) {
      Iterator<IngestJob> it = jobs.values().iterator();
      while (it.hasNext() && jobs.size() >= MAX_JOBS) {
        if (it.next().state().isTerminal()) {
          it.remove();
        }
      }
      if (jobs.size() >= MAX_JOBS) {
        throw new ApiException(400, "LIMIT_EXCEEDED", "Too many unfinished jobs: " + jobs.size() + " (max " + MAX_JOBS + ")");
      }
    }
    IngestJob job = factory.apply(ids.next("750"));
    jobs.put(job.id, job);
    return job;
  }

  synchronized IngestJob get(String id) {
    IngestJob job = jobs.get(id);
    if (job == null) {
      String full = SalesforceIds.normalize(id);
      job = full == null ? null : jobs.get(full);
    }
    if (job == null) {
      throw ApiException.notFound("The requested resource does not exist");
    }
    return job;
  }

  synchronized List<IngestJob> all() {
    return new ArrayList<>(jobs.values());
  }

  synchronized void remove(String id) {
    jobs.remove(id);
  }

  synchronized void clear() {
    jobs.values().forEach(job -> {
      try {
        job.abort();
      } catch (ApiException finished) {
        // already finished
      }
    });
    jobs.clear();
  }
}
