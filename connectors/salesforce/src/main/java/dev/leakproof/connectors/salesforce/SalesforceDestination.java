package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.DestinationWriter;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.connectors.api.RetryPolicy;
import dev.leakproof.connectors.api.SyncRecord;
import dev.leakproof.connectors.api.WriteResult;
import dev.leakproof.connectors.api.WriteSpec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Salesforce as a sync destination: writers run Bulk API 2.0 ingest jobs on one sObject, after
 * its describe confirmed every mapped field; {@link #resume} collects the outcome of a job an
 * interrupted run left.
 */
public final class SalesforceDestination implements Destination {

  private final SalesforceConfig config;
  private final BulkApi api;
  private final JobRunner runner;
  private final Map<String, Map<String, BulkApi.FieldInfo>> described = new HashMap<>();

  public SalesforceDestination(SalesforceConfig config, BulkApi api, RetryPolicy retry, RetryPolicy.Sleeper sleeper,
      RandomGenerator random, Clock clock) {
    this.config = config;
    this.api = api;
    this.runner = new JobRunner(api, config, retry, sleeper, random, clock);
  }

  /** A destination over HTTP with the default retry policy and the real clock. */
  public static SalesforceDestination connect(SalesforceConfig config) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    Clock clock = Clock.systemUTC();
    return new SalesforceDestination(config, new BulkApiClient(config, http, clock), RetryPolicy.DEFAULT,
        RetryPolicy.Sleeper.REAL, RandomGenerator.getDefault(), clock);
  }

  @Override
  public String name() {
    return "salesforce";
  }

  /** The org, by its login URL. */
  @Override
  public String identity() {
    return "salesforce " + config.loginUrl();
  }

  /** The API the destination calls, for reading records back (SOQL) and the API usage. */
  public BulkApi api() {
    return api;
  }

  @Override
  public DestinationWriter open(WriteSpec spec) throws DestinationException {
    check(spec);
    return new BulkIngestWriter(api, runner, config.maxUploadBytes(), spec);
  }

  @Override
  public List<WriteResult> resume(WriteSpec spec, String jobId) throws DestinationException {
    BulkApi.JobInfo job;
    try {
      job = runner.read(() -> api.job(jobId));
    } catch (DestinationException e) {
      if (e.code().equals("NOT_FOUND") || e.code().equals("HTTP_404") || e.code().equals("INVALIDJOB")) {
        throw new DestinationException(ErrorKind.STATE_UNKNOWN, e.code(), "Job " + jobId + " is not in the org: "
            + e.getMessage(), e);
      }
      throw e;
    }
    if (job.state().equals("Open")) {
      api.abortJob(jobId);
      return List.of();
    }
    BulkApi.JobInfo done = job.finished() ? job : runner.awaitFinished(jobId);
    return IngestJobResults.read(api, runner, done, spec.externalIdField(), Map.of());
  }

  /** Every mapped field exists and can be written; an upsert's external id field is one. */
  private void check(WriteSpec spec) throws DestinationException {
    Map<String, BulkApi.FieldInfo> fields = described.get(spec.object());
    if (fields == null) {
      fields = runner.read(() -> api.describe(spec.object()));
      described.put(spec.object(), fields);
    }
    String verb = spec.operation().name().toLowerCase(Locale.ROOT);
    for (String name : spec.fields()) {
      if (name.contains(".")) {
        continue;
      }
      BulkApi.FieldInfo f = fields.get(name);
      if (f == null) {
        throw new DestinationException(ErrorKind.PERMANENT, "INVALID_FIELD", "Cannot " + verb + " " + spec.object()
            + ": field " + name + " does not exist (describe " + spec.object() + ")");
      }
      boolean writable = spec.operation() == SyncRecord.Operation.UPDATE ? f.updateable()
          : spec.operation() == SyncRecord.Operation.INSERT ? f.createable() : f.updateable() || f.createable();
      if (!writable) {
        throw new DestinationException(ErrorKind.PERMANENT, "INVALID_FIELD_FOR_INSERT_UPDATE", "Cannot " + verb + " "
            + spec.object() + ": field " + name + " is read-only for the integration user");
      }
    }
    if (spec.operation() == SyncRecord.Operation.UPSERT) {
      BulkApi.FieldInfo ext = fields.get(spec.externalIdField());
      if (ext == null || !ext.externalId()) {
        throw new DestinationException(ErrorKind.PERMANENT, "INVALID_FIELD", "Cannot upsert " + spec.object()
            + ": external id field " + spec.externalIdField() + (ext == null ? " does not exist"
            : " is not marked External ID"));
      }
    }
  }

  @Override
  public void close() {}
}
