package dev.leakproof.pipelines.collector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.io.IOException;
import java.util.List;

/**
 * Reads one structured CloudEvent (JSON format, spec 1.0) from a parser: the event is its
 * {@code data} member, which must be an object; the type {@value #USAGE_TYPE} or
 * {@value #SEAT_TYPE} names the stream. A CloudEvent without the required attributes
 * (specversion, id, source, type) or without data is rejected as {@code missing_field} and its
 * whole text is written; one whose data is not an object is {@code malformed_json} and the data's
 * text is written: either way the job judges the written text the same way.
 */
final class CloudEventReader {

  public static final String USAGE_TYPE = "dev.leakproof.usage";
  public static final String SEAT_TYPE = "dev.leakproof.seat";
  private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");

  private CloudEventReader() {}

  /** Reads the CloudEvent whose first token {@code t} is current; leaves the parser past it. */
  static RawEvent read(JsonParser p, JsonToken t, int index) throws IOException {
    int start = BatchParser.offset(p.currentTokenLocation());
    if (t != JsonToken.START_OBJECT) {
      int end = BatchParser.skip(p);
      return new RawEvent(index, start, end - start, null, Rejection.of(QuarantineReason.MALFORMED_JSON,
          "a CloudEvent must be a JSON object, found " + EventFields.kind(t)));
    }
    String[] attributes = new String[REQUIRED.size()];
    int dataStart = -1;
    int dataEnd = -1;
    JsonToken dataToken = null;
    boolean base64 = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      int valueStart = BatchParser.offset(p.currentTokenLocation());
      int at = REQUIRED.indexOf(name);
      if (at >= 0 && value == JsonToken.VALUE_STRING && !p.getText().isEmpty()) {
        attributes[at] = p.getText();
      }
      int valueEnd = BatchParser.skip(p);
      if (name.equals("data")) {
        dataStart = valueStart;
        dataEnd = valueEnd;
        dataToken = value;
      } else if (name.equals("data_base64")) {
        base64 = true;
      }
    }
    int end = BatchParser.offset(p.currentLocation());
    for (int i = 0; i < REQUIRED.size(); i++) {
      if (attributes[i] == null) {
        return new RawEvent(index, start, end - start, null, Rejection.of(QuarantineReason.MISSING_FIELD,
            "CloudEvent attribute " + REQUIRED.get(i) + " is missing or not a non-empty string"));
      }
    }
    EventStream stream = switch (attributes[3]) {
      case USAGE_TYPE -> EventStream.USAGE;
      case SEAT_TYPE -> EventStream.SEATS;
      default -> null;
    };
    if (dataToken == null) {
      return new RawEvent(index, start, end - start, stream, Rejection.of(QuarantineReason.MISSING_FIELD,
          base64 ? "CloudEvent data_base64 is not supported (send the event as a JSON object in data)"
              : "CloudEvent data is missing"));
    }
    if (dataToken != JsonToken.START_OBJECT) {
      return new RawEvent(index, dataStart, dataEnd - dataStart, stream, Rejection.of(
          QuarantineReason.MALFORMED_JSON, "CloudEvent data must be a JSON object, found " + EventFields.kind(dataToken)));
    }
    return new RawEvent(index, dataStart, dataEnd - dataStart, stream, null);
  }
}
