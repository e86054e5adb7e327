package dev.leakproof.connectors.api;

import java.util.Objects;

/**
 * What the destination said about one record: accepted (with the id it gave the record), or not
 * with the error's kind, code and message. A record is confirmed only by an accepted result.
 *
 * @param destinationId the record's id in the destination; null unless accepted
 * @param code the destination's own error code ({@code DUPLICATE_VALUE}); null when accepted
 * @param state what the writer wants to remember about the accepted record (what it billed, the
 *     events it sent), handed back as {@link SyncRecord#previousState()} next time; null if nothing
 */
public record WriteResult(String key, Status status, Change change, String destinationId, ErrorKind errorKind,
    String code, String message, String state) {

  /** Whether the destination accepted the record. */
  public enum Status { ACCEPTED, REJECTED, UNPROCESSED }

  /** What an accepted record did in the destination. */
  public enum Change { CREATED, UPDATED, DELETED }

  public WriteResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    if (status == Status.ACCEPTED && errorKind != null) {
      throw new IllegalArgumentException("Invalid result for " + key + ": accepted with an error " + errorKind);
    }
    if (status != Status.ACCEPTED && errorKind == null) {
      throw new IllegalArgumentException("Invalid result for " + key + ": " + status + " without an error kind");
    }
  }

  public static WriteResult accepted(String key, Change change, String destinationId) {
    return new WriteResult(key, Status.ACCEPTED, change, destinationId, null, null, null, null);
  }

  /** Accepted, with the writer's state to remember for the record. */
  public static WriteResult accepted(String key, Change change, String destinationId, String state) {
    return new WriteResult(key, Status.ACCEPTED, change, destinationId, null, null, null, state);
  }

  public static WriteResult rejected(String key, ErrorKind kind, String code, String message) {
    return new WriteResult(key, Status.REJECTED, null, null, kind, code, message, null);
  }

  /** The destination did not get to the record (its batch stopped); it is sent again next run. */
  public static WriteResult unprocessed(String key, String message) {
    return new WriteResult(key, Status.UNPROCESSED, null, null, ErrorKind.RETRIABLE, "UNPROCESSED", message, null);
  }

  /** The same result for another key (results read by destination id, mapped back to keys). */
  public WriteResult withKey(String newKey) {
    return new WriteResult(newKey, status, change, destinationId, errorKind, code, message, state);
  }

  public boolean accepted() {
    return status == Status.ACCEPTED;
  }
}
