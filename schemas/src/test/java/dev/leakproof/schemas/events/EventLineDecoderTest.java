package dev.leakproof.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventLineDecoderTest {

  final EventLineDecoder decoder = new EventLineDecoder();

  DecodedEvent usage(String json) {
    return decoder.decode(new EventLine(EventStream.USAGE, "usage_events_001.jsonl", 7, 7, json));
  }

  DecodedEvent seat(String json) {
    return decoder.decode(new EventLine(EventStream.SEATS, "seat_events_001.jsonl", 3, 3, json));
  }

  @Test
  void decodesAUsageEvent() {
    DecodedEvent e = usage("{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", "
        + "\"quantity\": 12.50, \"occurred_at\": \"2026-03-01T12:15:00+02:00\", \"corrects_event_id\": \"ev-0\"}");
    assertThat(e.decoded()).isTrue();
    assertThat(e.eventId()).isEqualTo("ev-1");
    assertThat(e.quantity()).isEqualByComparingTo(new BigDecimal("12.5"));
    assertThat(e.quantityState()).isEqualTo(QuantityState.VALID);
    assertThat(e.occurredAt()).isEqualTo("2026-03-01T12:15:00+02:00");
    assertThat(e.correctsEventId()).isEqualTo("ev-0");
    assertThat(e.sourceFile()).isEqualTo("usage_events_001.jsonl");
    assertThat(e.lineNo()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not json", "[1, 2]", "\"a string\"", "42",
      "{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"api_calls\", \"quantity\": 10, \"occurred_at\": \"2026-01-15T10",
      "{\"event_id\": \"ev-1\"} {\"event_id\": \"ev-2\"}", "{\"event_id\": \"ev-1\",}"})
  void anythingButOneJsonObjectIsMalformed(String line) {
    assertThat(usage(line).early()).isEqualTo(QuarantineReason.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": null, \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": \"\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 1, \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": null, \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": \"\", \"occurred_at\": \"2026-01-15T10:00:00Z\"}",
      "{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 1}"})
  void aRequiredFieldAbsentNullOrEmptyIsMissing(String line) {
    assertThat(usage(line).early()).isEqualTo(QuarantineReason.MISSING_FIELD);
  }

  @Test
  void seatEventsRequireUserAndAction() {
    assertThat(seat("{\"event_id\": \"se-1\", \"workspace_id\": \"ws-1\", \"action\": \"added\", "
        + "\"occurred_at\": \"2026-01-15T10:00:00Z\"}").early()).isEqualTo(QuarantineReason.MISSING_FIELD);
    DecodedEvent e = seat("{\"event_id\": \"se-1\", \"workspace_id\": \"ws-1\", \"user_id\": \"u1\", "
        + "\"action\": \"added\", \"occurred_at\": \"2026-01-15T10:00:00Z\"}");
    assertThat(e.decoded()).isTrue();
    assertThat(e.userId()).isEqualTo("u1");
    assertThat(e.correctsEventId()).isNull();
  }

  @Test
  void contentIgnoresReceivedAtAndFieldOrderButNotValues() {
    DecodedEvent a = usage("{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 10, "
        + "\"occurred_at\": \"2026-01-15T10:00:00Z\", \"received_at\": \"2026-01-15T10:00:05Z\"}");
    DecodedEvent sameResent = usage("{\"metric\": \"m\", \"quantity\": 10.0, \"event_id\": \"ev-1\", "
        + "\"workspace_id\": \"ws-1\", \"occurred_at\": \"2026-01-15T10:00:00Z\", \"received_at\": \"2026-01-16T00:00:00Z\"}");
    DecodedEvent other = usage("{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": 11, "
        + "\"occurred_at\": \"2026-01-15T10:00:00Z\"}");
    DecodedEvent extraField = usage("{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", "
        + "\"quantity\": 10, \"occurred_at\": \"2026-01-15T10:00:00Z\", \"note\": \"x\"}");
    assertThat(sameResent.sameContent(a.contentHi(), a.contentLo())).isTrue();
    assertThat(other.sameContent(a.contentHi(), a.contentLo())).isFalse();
    assertThat(extraField.sameContent(a.contentHi(), a.contentLo())).isFalse();
  }

  @Test
  void quantityStates() {
    assertThat(quantityOf("\"12\"")).isEqualTo(QuantityState.NOT_A_NUMBER);
    assertThat(quantityOf("true")).isEqualTo(QuantityState.NOT_A_NUMBER);
    assertThat(quantityOf("[1]")).isEqualTo(QuantityState.NOT_A_NUMBER);
    assertThat(quantityOf("-5")).isEqualTo(QuantityState.NEGATIVE);
    assertThat(quantityOf("NaN")).isEqualTo(QuantityState.NOT_FINITE);
    assertThat(quantityOf("-Infinity")).isEqualTo(QuantityState.NOT_FINITE);
    assertThat(quantityOf("1e400")).isEqualTo(QuantityState.NOT_FINITE);
    assertThat(quantityOf("0.0000000000001")).isEqualTo(QuantityState.OUT_OF_RANGE);
    assertThat(quantityOf("0")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("-0.0")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("2.5e3")).isEqualTo(QuantityState.VALID);
  }

  @Test
  void quantityFitsTheColumnAfterTrailingZerosAreDropped() {
    // decimal(38,12): at most 26 integer digits and 12 decimals once trailing zeros are stripped
    assertThat(quantityOf("12345678901234567890123456")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("123456789012345678901234567")).isEqualTo(QuantityState.OUT_OF_RANGE);
    assertThat(quantityOf("1e25")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("1e26")).isEqualTo(QuantityState.OUT_OF_RANGE);
    assertThat(quantityOf("0.000000000001")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("0.0000000000010000")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("5.00000000000000000000")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("5.0000000000000000001")).isEqualTo(QuantityState.OUT_OF_RANGE);
    assertThat(quantityOf("0e50")).isEqualTo(QuantityState.VALID);
    assertThat(quantityOf("0.000000000000000000")).isEqualTo(QuantityState.VALID);
  }

  QuantityState quantityOf(String json) {
    return usage("{\"event_id\": \"ev-1\", \"workspace_id\": \"ws-1\", \"metric\": \"m\", \"quantity\": " + json
        + ", \"occurred_at\": \"2026-01-15T10:00:00Z\"}").quantityState();
  }
}
