package dev.leakproof.core;

import java.util.List;
import java.util.Locale;

/**
 * The two event streams of a dataset: product usage and seat changes. Each has its own file
 * prefix, required fields and hygiene counters.
 */
public enum EventStream {
  USAGE("usage", "usage_events", List.of("event_id", "workspace_id", "metric", "quantity", "occurred_at")),
  SEATS("seats", "seat_events", List.of("event_id", "workspace_id", "user_id", "action", "occurred_at"));

  private final String key;
  private final String filePrefix;
  private final List<String> requiredFields;

  EventStream(String key, String filePrefix, List<String> requiredFields) {
    this.key = key;
    this.filePrefix = filePrefix;
    this.requiredFields = requiredFields;
  }

  /** The key used in capture.json and in the lake: {@code usage} or {@code seats}. */
  public String key() {
    return key;
  }

  /** File names of this stream start with this prefix and end with {@code .jsonl}. */
  public String filePrefix() {
    return filePrefix;
  }

  /** True when a file name belongs to this stream ({@code usage_events_001.jsonl}). */
  public boolean matches(String fileName) {
    return fileName.startsWith(filePrefix) && fileName.endsWith(".jsonl");
  }

  /** Fields that must be present, non-null and non-empty (spec: {@code missing_field}). */
  public List<String> requiredFields() {
    return requiredFields;
  }

  /** Parses {@code usage} or {@code seats}. */
  public static EventStream fromKey(String key) {
    for (EventStream s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Invalid event stream: " + key.toLowerCase(Locale.ROOT));
  }
}
