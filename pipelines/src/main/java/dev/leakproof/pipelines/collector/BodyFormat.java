package dev.leakproof.pipelines.collector;

import java.util.Locale;
import java.util.Optional;

/** The request body formats {@code POST /v1/events} takes, by media type. */
public enum BodyFormat {
  /** A JSON array of event objects, or one event object. */
  JSON("application/json"),
  /** One event a line; blank lines are skipped. */
  NDJSON("application/x-ndjson"),
  /** A JSON array of structured CloudEvents; each event is the {@code data} member. */
  CLOUDEVENTS_BATCH("application/cloudevents-batch+json"),
  /** One structured CloudEvent. */
  CLOUDEVENT("application/cloudevents+json");

  private final String mediaType;

  BodyFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * The format of a Content-Type header: its media type, case-insensitive, with an optional
   * {@code charset=utf-8} parameter; empty for any other type or charset.
   */
  public static Optional<BodyFormat> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
      if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
        return Optional.empty();
      }
    }
    for (BodyFormat f : values()) {
      if (f.mediaType.equals(type)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
