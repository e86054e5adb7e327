package dev.leakproof.pipelines.collector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of one event's text, read with the streaming parser: enough to infer the
 * stream, find a record key when decoding failed, and name the field and value of a rejection.
 * A text that is not one JSON object has no fields and a {@link #fault()}.
 */
final class EventFields {

  /** A field's JSON kind and text: a string's value, else the value's JSON text. */
  record Field(JsonToken kind, String text) {}

  private final Map<String, Field> fields;
  private final String fault;

  private EventFields(Map<String, Field> fields, String fault) {
    this.fields = fields;
    this.fault = fault;
  }

  static EventFields scan(String text) {
    Map<String, Field> fields = new HashMap<>();
    try (JsonParser p = BatchParser.JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return new EventFields(Map.of(), "not a JSON object: " + (t == null ? "empty" : kind(t)));
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        int start = BatchParser.offset(p.currentTokenLocation());
        String s = value == JsonToken.VALUE_STRING ? p.getText() : null;
        int end = BatchParser.skip(p);
        fields.put(name, new Field(value, s != null ? s : text.substring(start, end)));
      }
      if (p.nextToken() != null) {
        return new EventFields(Map.of(), "not one JSON object: content after it at column "
            + p.currentTokenLocation().getColumnNr());
      }
      return new EventFields(fields, null);
    } catch (JsonProcessingException e) {
      return new EventFields(Map.of(), "not a JSON object: " + problem(e) + " at column "
          + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()));
    } catch (IOException | RuntimeException e) {
      return new EventFields(Map.of(), "not a JSON object: " + e.getMessage());
    }
  }

  /** Jackson's message without the source and start-marker locations it may append, on one line. */
  static String problem(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage())
        .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
        .replaceAll("\\s*\\([^()]*\\bat\\s*\\)", "");
    return m.replaceAll("\\s+", " ").strip();
  }

  /** Why the text is not one JSON object, or null when it is. */
  String fault() {
    return fault;
  }

  Field get(String name) {
    return fields.get(name);
  }

  /** A field's value when it is a non-empty JSON string, else null. */
  String string(String name) {
    Field f = fields.get(name);
    return f != null && f.kind() == JsonToken.VALUE_STRING && !f.text().isEmpty() ? f.text() : null;
  }

  /**
   * The stream of an event that names none: an object with {@code action} or {@code user_id}
   * and no {@code metric} is a seat event, anything else a usage event.
   */
  EventStream inferStream() {
    boolean seat = (fields.containsKey("action") || fields.containsKey("user_id")) && !fields.containsKey("metric");
    return seat ? EventStream.SEATS : EventStream.USAGE;
  }

  /** How a field looks in a detail: absent, null, empty, or its JSON text (strings quoted), cut at 80 characters. */
  String shown(String name) {
    Field f = fields.get(name);
    if (f == null) {
      return "absent";
    }
    if (f.kind() == JsonToken.VALUE_NULL) {
      return "null";
    }
    if (f.kind() == JsonToken.VALUE_STRING) {
      return f.text().isEmpty() ? "empty (\"\")" : "\"" + clip(f.text()) + "\"";
    }
    return clip(f.text());
  }

  static String clip(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(80).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return s.codePointCount(0, s.length()) > 80 ? b + "..." : b.toString();
  }

  /** A JSON token as a detail names it: a string, a number, an array, ... */
  static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
