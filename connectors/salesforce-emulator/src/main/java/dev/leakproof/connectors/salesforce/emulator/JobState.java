package dev.leakproof.connectors.salesforce.emulator;

import java.util.Optional;

/** A Bulk API 2.0 ingest job's state, with Salesforce's spelling in {@link #apiName()}. */
public enum JobState {
  OPEN("Open"),
  UPLOAD_COMPLETE("UploadComplete"),
  IN_PROGRESS("InProgress"),
  JOB_COMPLETE("JobComplete"),
  FAILED("Failed"),
  ABORTED("Aborted");

  private final String apiName;

  JobState(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** Whether the job is finished: results are available and it may be deleted. */
  public boolean isTerminal() {
    return this == JOB_COMPLETE || this == FAILED || this == ABORTED;
  }

  static Optional<JobState> fromApiName(String name) {
    for (JobState s : values()) {
      if (s.apiName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
