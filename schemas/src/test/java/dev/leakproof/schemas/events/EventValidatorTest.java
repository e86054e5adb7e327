package dev.leakproof.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  final EventValidator validator = new EventValidator(
      new ReferenceData(Set.of("ws-1"), Set.of("api_calls"), LocalDate.of(2026, 6, 15)));
  final EventLineDecoder decoder = new EventLineDecoder();

  Checked usage(String workspace, String metric, String quantity, String occurredAt) {
    String json = "{\"event_id\": \"ev-1\", \"workspace_id\": \"" + workspace + "\", \"metric\": \"" + metric
        + "\", \"quantity\": " + quantity + ", \"occurred_at\": " + occurredAt + "}";
    return validator.check(decoder.decode(new EventLine(EventStream.USAGE, "f", 1, 1, json)));
  }

  Checked seat(String action, String occurredAt) {
    String json = "{\"event_id\": \"se-1\", \"workspace_id\": \"ws-1\", \"user_id\": \"u1\", \"action\": \"" + action
        + "\", \"occurred_at\": " + occurredAt + "}";
    return validator.check(decoder.decode(new EventLine(EventStream.SEATS, "f", 1, 1, json)));
  }

  @Test
  void acceptsAValidEventAndConvertsItsInstantToUtc() {
    Checked c = usage("ws-1", "api_calls", "10", "\"2026-03-31T20:00:00-08:00\"");
    assertThat(c.passed()).isTrue();
    assertThat(c.occurredAt()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
  }

  @Test
  void reasonsComeInTheSpecsOrder() {
    // invalid quantity wins over every later reason
    assertThat(usage("ws-x", "video", "\"12\"", "\"garbage\"").reason()).isEqualTo(QuarantineReason.INVALID_QUANTITY);
    assertThat(usage("ws-x", "video", "1", "\"2026-01-15 10:00:00\"").reason())
        .isEqualTo(QuarantineReason.INVALID_TIMESTAMP);
    assertThat(usage("ws-x", "video", "1", "\"2026-06-17T00:00:00Z\"").reason())
        .isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
    assertThat(usage("ws-x", "video", "1", "\"2026-06-16T23:59:59Z\"").reason())
        .isEqualTo(QuarantineReason.UNKNOWN_WORKSPACE);
    assertThat(usage("ws-1", "video", "1", "\"2026-06-16T23:59:59Z\"").reason())
        .isEqualTo(QuarantineReason.UNKNOWN_METRIC);
  }

  @Test
  void futureIsAUtcDateMoreThanOneDayAfterTheAsOfDate() {
    // 2026-06-17T01:00+02:00 is 2026-06-16T23:00Z: one day after, allowed
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-06-17T01:00:00+02:00\"").passed()).isTrue();
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-06-16T23:30:00-01:00\"").reason())
        .isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
  }

  @Test
  void timestampsNeedAnOffsetAndAString() {
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-01-15T10:00:00\"").reason())
        .isEqualTo(QuarantineReason.INVALID_TIMESTAMP);
    assertThat(usage("ws-1", "api_calls", "1", "1768471200").reason()).isEqualTo(QuarantineReason.INVALID_TIMESTAMP);
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-02-30T10:00:00Z\"").reason())
        .isEqualTo(QuarantineReason.INVALID_TIMESTAMP);
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-01-15T10:00Z\"").passed()).isTrue();
    assertThat(usage("ws-1", "api_calls", "1", "\"2026-01-15T10:00:00.123456+0530\"").passed()).isTrue();
  }

  @Test
  void seatActionsAreAddedOrRemoved() {
    assertThat(seat("added", "\"2026-01-15T10:00:00Z\"").passed()).isTrue();
    assertThat(seat("removed", "\"2026-01-15T10:00:00Z\"").passed()).isTrue();
    assertThat(seat("Added", "\"2026-01-15T10:00:00Z\"").reason()).isEqualTo(QuarantineReason.INVALID_ACTION);
    assertThat(seat("suspended", "\"bad\"").reason()).isEqualTo(QuarantineReason.INVALID_ACTION);
  }
}
