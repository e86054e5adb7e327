package dev.leakproof.connectors.stripe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * What Stripe has been sent for one usage row (account, metric, day), kept in the sync's ledger:
 * the meter events (with when they were sent, for the 24-hour cancel window) and the invoice items
 * of usage billed outside the meter, and the revision the next identifier takes.
 *
 * @param metered units billed through meter events that are not cancelled
 * @param invoiced units billed (or credited, negative) through invoice items
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageState(long metered, long invoiced, int revision, List<Event> events, List<Item> items) {

  /** A meter event sent. */
  public record Event(String id, long value, Instant at, boolean cancelled) {
    Event cancel() {
      return new Event(id, value, at, true);
    }
  }

  /** An invoice item created for the row: quantity may be negative (a credit). */
  public record Item(String key, String id, long quantity, long amountMinor, String currency, Instant at) {}

  public static final UsageState EMPTY = new UsageState(0, 0, 0, List.of(), List.of());

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public UsageState {
    events = List.copyOf(events == null ? List.of() : events);
    items = List.copyOf(items == null ? List.of() : items);
  }

  /** Units Stripe bills for the row, through either path. */
  public long billed() {
    return metered + invoiced;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write usage state: " + e.getMessage(), e);
    }
  }

  /** The state a ledger holds, or {@link #EMPTY} for a row never sent. */
  public static UsageState parse(String json) {
    if (json == null || json.isBlank()) {
      return EMPTY;
    }
    try {
      return JSON.readValue(json, UsageState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid usage state in the ledger: " + e.getMessage().split("\n")[0]);
    }
  }
}
