package dev.leakproof.connectors.sync;

import java.time.Duration;

/** What a run reports while it goes: the CLI turns it into progress lines, tests record it. */
public interface SyncListener {

  /** Jobs an interrupted run left were looked up: how many records they settled. */
  default void reconciled(String jobId, int records) {}

  /** The plan is stored and about to be sent. */
  default void planned(Plan plan) {}

  /** {@code done} of {@code total} planned records have an outcome. */
  default void progress(long done, long total) {}

  /** A retriable fault: the next attempt follows after {@code wait}. */
  default void retrying(int attempt, Duration wait, String reason) {}

  /** A batch the destination refused whole is split to find its bad rows. */
  default void splitting(int size, String reason) {}

  SyncListener NONE = new SyncListener() { };
}
