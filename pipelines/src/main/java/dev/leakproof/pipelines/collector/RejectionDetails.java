package dev.leakproof.pipelines.collector;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLineDecoder;
import dev.leakproof.schemas.events.Timestamps;
import java.time.LocalDate;

/** The one-line detail of a rejection, naming the field and its value as the client sent it. */
final class RejectionDetails {

  private RejectionDetails() {}

  static Rejection tooLarge(int bytes, int max) {
    return new Rejection(Rejection.EVENT_TOO_LARGE, "the event is " + bytes + " bytes, more than "
        + max + " (collector.max-event-bytes)");
  }

  /** A {@code malformed_json} or {@code missing_field} found while decoding. */
  static Rejection early(QuarantineReason reason, EventStream stream, EventFields fields) {
    if (reason == QuarantineReason.MISSING_FIELD) {
      for (String field : stream.requiredFields()) {
        String shown = fields.shown(field);
        if (shown.equals("absent") || shown.equals("null") || shown.startsWith("empty")) {
          return Rejection.of(reason, field + " is " + shown + " (required in " + stream.key() + " events)");
        }
      }
      return Rejection.of(reason, "a required field of " + stream.key() + " events is missing");
    }
    return Rejection.of(reason, fields.fault() != null ? fields.fault() : "not a JSON object");
  }

  /** A reason of the stateless checks. */
  static Rejection checked(QuarantineReason reason, DecodedEvent event, EventFields fields, LocalDate today) {
    String detail = switch (reason) {
      case INVALID_QUANTITY -> "quantity is " + fields.shown("quantity") + " (" + switch (event.quantityState()) {
        case NEGATIVE -> "negative";
        case NOT_FINITE -> "not finite";
        case OUT_OF_RANGE -> "more than " + EventLineDecoder.QUANTITY_SCALE + " decimals or "
            + EventLineDecoder.QUANTITY_INTEGER_DIGITS + " integer digits";
        default -> "not a JSON number";
      } + ")";
      case INVALID_ACTION -> "action is " + fields.shown("action") + " (must be \"added\" or \"removed\")";
      case INVALID_TIMESTAMP -> timestamp(event, fields);
      case FUTURE_TIMESTAMP -> "occurred_at " + fields.shown("occurred_at") + " is on "
          + Timestamps.utcDate(Timestamps.parse(event.occurredAt())) + " (UTC), after " + today.plusDays(1)
          + ", the latest date allowed today";
      case UNKNOWN_WORKSPACE -> "workspace_id " + fields.shown("workspace_id") + " is not in workspaces.csv";
      case UNKNOWN_METRIC -> "metric " + fields.shown("metric") + " is not in price_book.csv";
      default -> reason.code();
    };
    return Rejection.of(reason, detail);
  }

  private static String timestamp(DecodedEvent event, EventFields fields) {
    if (event.occurredAt() == null) {
      return "occurred_at is " + fields.shown("occurred_at") + " (not a string)";
    }
    try {
      Timestamps.parse(event.occurredAt());
      return "occurred_at " + fields.shown("occurred_at") + " is not a valid timestamp";
    } catch (IllegalArgumentException e) {
      String prefix = "Invalid timestamp: '" + event.occurredAt() + "'";
      String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : " is invalid";
      return "occurred_at " + fields.shown("occurred_at") + EventFields.clip(why);
    }
  }
}
