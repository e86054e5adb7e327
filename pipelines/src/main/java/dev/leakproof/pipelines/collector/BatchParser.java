package dev.leakproof.pipelines.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into its events without re-serializing anything: each {@link RawEvent}
 * points at the event's own bytes in the body (Jackson's streaming token offsets for JSON and
 * CloudEvents, the line for NDJSON). A body that does not parse as a whole is a
 * {@link RequestException} (400) naming the position; a line of NDJSON or an element of an array
 * that is not an event object is the event's own fault, found later.
 */
final class BatchParser {

  static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private final int maxEvents;

  BatchParser(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  /**
   * The events of a body.
   *
   * @throws RequestException 400 when the body is not parseable, 413 when it holds more than
   *     {@code collector.max-events} events
   */
  List<RawEvent> parse(BodyFormat format, byte[] body, int length) throws RequestException {
    return format == BodyFormat.NDJSON ? lines(body, length) : json(format, body, length);
  }

  private List<RawEvent> lines(byte[] body, int length) throws RequestException {
    List<RawEvent> out = new ArrayList<>();
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && body[end] != '\n') {
        end++;
      }
      int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (!blank(body, start, stop)) {
        add(out, new RawEvent(out.size(), start, stop - start, null, null));
      }
      start = end + 1;
    }
    return out;
  }

  private static boolean blank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private List<RawEvent> json(BodyFormat format, byte[] body, int length) throws RequestException {
    List<RawEvent> out = new ArrayList<>();
    boolean cloudEvents = format == BodyFormat.CLOUDEVENTS_BATCH || format == BodyFormat.CLOUDEVENT;
    try (JsonParser p = JSON.createParser(body, 0, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new RequestException(400, "Cannot parse the body as " + format.mediaType() + ": it is empty");
      }
      boolean array = t == JsonToken.START_ARRAY;
      if (array && format != BodyFormat.CLOUDEVENT) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          add(out, element(p, t, out.size(), cloudEvents));
        }
      } else if (t == JsonToken.START_OBJECT && format != BodyFormat.CLOUDEVENTS_BATCH) {
        add(out, element(p, t, 0, cloudEvents));
      } else {
        String expected = format == BodyFormat.CLOUDEVENT ? "a JSON object"
            : format == BodyFormat.CLOUDEVENTS_BATCH ? "a JSON array" : "a JSON array or object";
        throw new RequestException(400, "Cannot parse the body as " + format.mediaType() + ": expected " + expected
            + ", found " + EventFields.kind(t) + " at " + where(p.currentTokenLocation()));
      }
      if (p.nextToken() != null) {
        throw new RequestException(400, "Cannot parse the body as " + format.mediaType()
            + ": content after the end of the JSON value at " + where(p.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new RequestException(400, "Cannot parse the body as " + format.mediaType() + ": "
          + EventFields.problem(e) + " at " + where(e.getLocation()));
    } catch (IOException e) {
      throw new RequestException(400, "Cannot parse the body as " + format.mediaType() + ": " + e.getMessage());
    }
    return out;
  }

  private static RawEvent element(JsonParser p, JsonToken t, int index, boolean cloudEvents) throws IOException {
    if (t == null) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected end-of-input in the array");
    }
    if (cloudEvents) {
      return CloudEventReader.read(p, t, index);
    }
    int start = offset(p.currentTokenLocation());
    int end = skip(p);
    return new RawEvent(index, start, end - start, null, null);
  }

  /** Skips the current value; returns the offset just past it. */
  static int skip(JsonParser p) throws IOException {
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
    } else {
      p.finishToken();
    }
    return offset(p.currentLocation());
  }

  /** A location's offset in the input: bytes for a parser of bytes, characters for one of text. */
  static int offset(JsonLocation l) {
    return (int) (l.getByteOffset() >= 0 ? l.getByteOffset() : l.getCharOffset());
  }

  private void add(List<RawEvent> out, RawEvent e) throws RequestException {
    if (out.size() >= maxEvents) {
      throw new RequestException(413, "Too many events: more than " + maxEvents
          + " in one request (collector.max-events); split the batch");
    }
    out.add(e);
  }

  static String where(JsonLocation l) {
    return l == null ? "an unknown position"
        : "line " + l.getLineNr() + ", column " + l.getColumnNr() + " (byte " + l.getByteOffset() + ")";
  }
}
